import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { RecipientProof, RecipientProofKind } from '@ws/contracts';
import { notifyError } from '../notify.errors';

export const PROOF_KINDS: readonly RecipientProofKind[] = ['wish_author', 'applicant', 'member', 'volunteer', 'seeker'];
export const INBOX_PAGE_MAX = 50;

/**
 * Who is asking, proven as the owning service knows them:
 * wish_author {wishNo, authorKey} · applicant {applicationNumber, mobile} · member {cardNumber, mobile} · volunteer {token} · seeker {token}.
 */
export class ProofDto {
  @ApiProperty({ enum: PROOF_KINDS }) @IsIn(PROOF_KINDS)
  kind!: RecipientProofKind;

  @ApiPropertyOptional({ description: '心愿编号（wish_author）' }) @IsOptional() @IsString() @MaxLength(20)
  wishNo?: string;

  @ApiPropertyOptional({ description: '作者凭证（wish_author）' }) @IsOptional() @IsString() @MaxLength(200)
  authorKey?: string;

  @ApiPropertyOptional({ description: '申请编号（applicant）' }) @IsOptional() @IsString() @MaxLength(40)
  applicationNumber?: string;

  @ApiPropertyOptional({ description: '会员卡号（member）' }) @IsOptional() @IsString() @MaxLength(40)
  cardNumber?: string;

  @ApiPropertyOptional({ description: '手机号（applicant、member）' }) @IsOptional() @IsString() @MaxLength(20)
  mobile?: string;

  @ApiPropertyOptional({ description: '志愿者令牌（volunteer）或求职者令牌（seeker，零工之家）' }) @IsOptional() @IsString() @MaxLength(2000)
  token?: string;
}

function required(value: string | undefined, field: string): string {
  if (!value) throw notifyError('validation_failed', `凭证缺少 ${field}`, `proof.${field}`);
  return value;
}

export function toProof(dto: ProofDto): RecipientProof {
  switch (dto.kind) {
    case 'wish_author':
      return { kind: 'wish_author', wishNo: required(dto.wishNo, 'wishNo'), authorKey: required(dto.authorKey, 'authorKey') };
    case 'applicant':
      return { kind: 'applicant', applicationNumber: required(dto.applicationNumber, 'applicationNumber'), mobile: required(dto.mobile, 'mobile') };
    case 'member':
      return { kind: 'member', cardNumber: required(dto.cardNumber, 'cardNumber'), mobile: required(dto.mobile, 'mobile') };
    case 'volunteer':
      return { kind: 'volunteer', token: required(dto.token, 'token') };
    case 'seeker':
      return { kind: 'seeker', token: required(dto.token, 'token') };
  }
}

export class ProvenDto {
  // Without IsDefined a body with no proof passes validation (ValidateNested skips undefined) and fails later as a 500.
  @ApiProperty({ type: ProofDto }) @IsDefined() @ValidateNested() @Type(() => ProofDto)
  proof!: ProofDto;
}

export class InboxQueryDto extends ProvenDto {
  @ApiPropertyOptional({ description: '上一页答复的 next' }) @IsOptional() @IsString() @MaxLength(200)
  after?: string;

  @ApiPropertyOptional({ default: 20, maximum: INBOX_PAGE_MAX }) @IsOptional() @IsInt() @Min(1) @Max(INBOX_PAGE_MAX)
  limit?: number;
}

export class MarkReadDto extends ProvenDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true })
  messageIds!: string[];
}

export class PreferencesDto extends ProvenDto {
  @ApiPropertyOptional({ description: 'true：不再接收短信' }) @IsOptional() @IsBoolean() smsOff?: boolean;
  @ApiPropertyOptional({ description: 'true：不再接收微信订阅通知' }) @IsOptional() @IsBoolean() wechatOff?: boolean;
  @ApiPropertyOptional({ description: 'true：不再接收网页推送' }) @IsOptional() @IsBoolean() pushOff?: boolean;
}

export class PushKeysDto {
  @ApiProperty() @IsString() @Length(20, 200) p256dh!: string;
  @ApiProperty() @IsString() @Length(8, 100) auth!: string;
}

export class PushSubscriptionDto {
  @ApiProperty() @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true }) @MaxLength(1000)
  endpoint!: string;

  @ApiProperty({ type: PushKeysDto }) @ValidateNested() @Type(() => PushKeysDto)
  keys!: PushKeysDto;
}

export class BindChannelDto extends ProvenDto {
  @ApiProperty({ enum: ['push', 'wechat'] }) @IsIn(['push', 'wechat'])
  channel!: 'push' | 'wechat';

  @ApiPropertyOptional({ type: PushSubscriptionDto, description: 'push：浏览器的 PushSubscription' }) @IsOptional() @ValidateNested() @Type(() => PushSubscriptionDto)
  subscription?: PushSubscriptionDto;

  @ApiPropertyOptional({ description: 'wechat：公众号网页授权得到的 openid' }) @IsOptional() @IsString() @Length(6, 64)
  openId?: string;

  @ApiProperty({ description: '同意通过该渠道接收通知（个人信息保护法：须本人明确同意）' }) @Equals(true, { message: '须同意接收通知' })
  consent!: true;
}

export class UnbindChannelDto extends ProvenDto {
  @ApiProperty({ enum: ['push', 'wechat'] }) @IsIn(['push', 'wechat'])
  channel!: 'push' | 'wechat';
}
