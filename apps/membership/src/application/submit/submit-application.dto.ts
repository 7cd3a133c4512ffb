import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { APPLICATION_CHANNELS, type ApplicationChannel, MEMBER_OCCUPATIONS, type MemberOccupation } from '@ws/contracts';
import { STREET_CODE } from '../../union/manage-unions/manage-unions.dto';
import { SUGGESTION_MATCHES, type SuggestionMatch } from '../../union/union-registry';

export const MAX_BULK_APPLICATIONS = 500;
/**
 * Loose bounds here, exact rules in the identity checks: an over-long name must come back as
 * `name_too_long` for its own item, not as a 400 for the whole request.
 */
const FIELD_LIMIT = 20_000;

/** One worker's application (我要入会). Name, mobile and ID number go to the vault only. */
export class ApplicationItemDto {
  @ApiProperty({ example: '张三', description: '姓名（1–50字，不含表情符号）' })
  @IsString() @MaxLength(FIELD_LIMIT)
  name!: string;

  @ApiProperty({ example: '13812345678' })
  @IsString() @MaxLength(FIELD_LIMIT)
  mobile!: string;

  @ApiProperty({ example: '11010519491231002X', description: '居民身份证号（18位，校验位）' })
  @IsString() @MaxLength(FIELD_LIMIT)
  idNumber!: string;

  @ApiProperty({ enum: MEMBER_OCCUPATIONS })
  @IsIn(MEMBER_OCCUPATIONS)
  occupation!: MemberOccupation;

  @ApiPropertyOptional({ example: '美团', description: '用工单位或平台' })
  @IsOptional() @IsString() @MaxLength(FIELD_LIMIT)
  employer?: string;

  @ApiPropertyOptional({ description: '想加入的工会；不填则按职业和街道推荐' })
  @IsOptional() @IsUUID()
  unionId?: string;

  @ApiPropertyOptional({ example: '330802001' })
  @IsOptional() @Matches(STREET_CODE)
  streetCode?: string;

  @ApiPropertyOptional({ description: '申请所在的驿站' })
  @IsOptional() @IsUUID()
  stationId?: string;

  @ApiPropertyOptional({ description: '同意通过所留手机号接收入会进度短信（个人信息保护法：须本人明确同意；站内信不需要）', default: false })
  @IsOptional() @IsBoolean()
  smsConsent?: boolean;
}

export class SubmitApplicationDto extends ApplicationItemDto {
  @ApiPropertyOptional({ enum: APPLICATION_CHANNELS, default: 'online' })
  @IsOptional() @IsIn(APPLICATION_CHANNELS)
  channel?: ApplicationChannel;

  @ApiPropertyOptional({ description: '手机验证码（POST /applications/mobile-codes 获取）；节点要求验证手机号时，无干部令牌的申请必须填写' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'mobileCode 须为 6 位数字' })
  mobileCode?: string;
}

export class MobileCodeDto {
  @ApiProperty({ example: '13812345678' }) @IsString() @MaxLength(20)
  mobile!: string;
}

export class BulkApplicationsDto {
  @ApiProperty({
    type: [ApplicationItemDto],
    description: `1–${MAX_BULK_APPLICATIONS} 份申请；每一份单独受理或退回，一份有误不影响其余`,
  })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BULK_APPLICATIONS)
  items!: unknown[];

  @ApiPropertyOptional({ enum: APPLICATION_CHANNELS, default: 'fair' })
  @IsOptional() @IsIn(APPLICATION_CHANNELS)
  channel?: ApplicationChannel;

  @ApiPropertyOptional({ description: '同一场集中入会活动的所有申请共享的关联号' })
  @IsOptional() @IsUUID()
  batchId?: string;
}

export class ItemErrorDto {
  @ApiProperty() code!: string;
  @ApiPropertyOptional() field?: string;
  @ApiProperty() message!: string;
}

export const ITEM_STATUSES = ['accepted', 'existing_membership', 'existing_application', 'on_record', 'transfer_requested', 'rejected'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export class ItemOutcomeDto {
  @ApiProperty() index!: number;
  @ApiProperty({
    enum: ITEM_STATUSES,
    description: 'accepted 已受理；existing_membership 已是会员；existing_application 已有申请在办；on_record 该身份证号已有会籍或在办申请（提交者未证明登记的手机号时不区分两者）；transfer_requested 已是会员、申请转入所选工会（转会）；rejected 退回（见 error）',
  })
  status!: ItemStatus;
  @ApiPropertyOptional() applicationId?: string;
  @ApiPropertyOptional({ description: '凭申请编号和手机号查询进度' }) applicationNumber?: string;
  @ApiPropertyOptional({ description: '申请的工会；已是会员时为现所在工会' }) unionId?: string;
  @ApiPropertyOptional() membershipId?: string;
  @ApiPropertyOptional() cardNumber?: string;
  @ApiPropertyOptional({ description: '转会编号（transfer_requested）' }) transferId?: string;
  @ApiPropertyOptional({ description: '转入工会（transfer_requested）' }) toUnionId?: string;
  @ApiPropertyOptional({ enum: SUGGESTION_MATCHES, description: '未选工会时推荐的依据' })
  suggestedBy?: SuggestionMatch;
  @ApiPropertyOptional({ type: ItemErrorDto }) error?: ItemErrorDto;
}
