import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { RecipientProof, RecipientProofKind } from '@ws/contracts';
import { notifyError } from '../notify.errors';

export const PROOF_KINDS: readonly RecipientProofKind[] = ['wish_author', 'applicant', 'member', 'volunteer', 'seeker'];

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
