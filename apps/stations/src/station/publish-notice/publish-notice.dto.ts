import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { STATIONED_PARTNER_KINDS, STATIONED_PARTNER_LABELS } from '@ws/contracts';
import type { StationedPartnerKind } from '@ws/contracts';
import { describeCodes } from '../../catalogue/labels';
import { NAME_MAX } from '../station.rules';
import { NOT_BLANK } from '../shared/dto-decorators';
import { NOTICE_TEXT_MAX, PLEDGE_MAX, type PublishNotice, STATIONED_PARTNERS_MAX } from './publish-notice.command';

/** The manager's name as posted: 2–30 characters, letters and the middle dot of 少数民族 names. */
export const MANAGER_NAME_MAX = 30;

export class StationedPartnerDto {
  @ApiProperty({ enum: [...STATIONED_PARTNER_KINDS], description: `类型：${describeCodes(STATIONED_PARTNER_LABELS)}` })
  @IsIn(STATIONED_PARTNER_KINDS)
  kind!: StationedPartnerKind;

  @ApiProperty({ maxLength: NAME_MAX, example: '椒江交警大队' })
  @IsString() @MaxLength(NAME_MAX) @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;
}

export class PublishNoticeDto {
  @ApiProperty({ maxLength: PLEDGE_MAX, description: '服务公约', example: '热情接待、免费开放、文明使用、共同维护' })
  @IsString() @MaxLength(PLEDGE_MAX) @Matches(NOT_BLANK, { message: 'pledge must not be blank' })
  pledge!: string;

  @ApiProperty({ maxLength: NOTICE_TEXT_MAX, description: '服务内容（公示）', example: '休息、饮水、热饭、充电、如厕、应急药箱' })
  @IsString() @MaxLength(NOTICE_TEXT_MAX) @Matches(NOT_BLANK, { message: 'services must not be blank' })
  services!: string;

  @ApiProperty({ maxLength: NOTICE_TEXT_MAX, description: '服务时间（公示）', example: '全天24小时开放' })
  @IsString() @MaxLength(NOTICE_TEXT_MAX) @Matches(NOT_BLANK, { message: 'hours must not be blank' })
  hours!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: MANAGER_NAME_MAX, description: '管理人员（站长）姓名：只存于本节点，事件中不含姓名', example: '王丽' })
  @IsOptional() @IsString() @MaxLength(MANAGER_NAME_MAX) @Matches(NOT_BLANK, { message: 'managerName must not be blank' })
  managerName?: string | null;

  @ApiProperty({ description: '服务职工热线：固定电话（含区号）、400/800 号码或 12351；不能是个人手机', example: '0576-88661234' })
  @IsString() @MaxLength(30)
  hotline!: string;

  @ApiPropertyOptional({ type: [StationedPartnerDto], description: '进驻单位（交通、公安、交警、保险、平台企业、公益伙伴…）' })
  @IsOptional() @IsArray() @ArrayMaxSize(STATIONED_PARTNERS_MAX) @ValidateNested({ each: true }) @Type(() => StationedPartnerDto)
  partners?: StationedPartnerDto[];
}

export function toPublishNotice(stationId: string, managerNameRef: string | null, dto: PublishNoticeDto): PublishNotice {
  return {
    type: 'PublishNotice', stationId, pledge: dto.pledge, services: dto.services, hours: dto.hours, managerNameRef, hotline: dto.hotline,
    partners: (dto.partners ?? []).map(({ kind, name }) => ({ kind, name })),
  };
}
