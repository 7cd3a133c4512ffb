import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Matches } from 'class-validator';
import {
  LEGAL_CASE_OUTCOME_LABELS,
  LEGAL_CASE_OUTCOMES,
  LEGAL_REFERRAL_PARTNER_LABELS,
  LEGAL_REFERRAL_PARTNERS,
  type LegalCaseOutcome,
  type LegalReferralPartner,
} from '@ws/contracts';
import { describeCodes } from '../../catalogue/labels';
import { DAY } from '../../activity/plan-activity/plan-activity.dto';

export class CaseStepDto {
  @ApiProperty({ example: '2026-05-12' }) @Matches(DAY, { message: 'on must be YYYY-MM-DD' })
  on!: string;
}

export class SettleCaseDto extends CaseStepDto {
  @ApiProperty({ description: '为当事人挽回的金额（分，整数）', example: 1_280_000 }) @IsInt()
  recoveredFen!: number;
}

export class ReferCaseDto extends CaseStepDto {
  @ApiProperty({ enum: [...LEGAL_REFERRAL_PARTNERS], description: `转交：${describeCodes(LEGAL_REFERRAL_PARTNER_LABELS)}` }) @IsIn(LEGAL_REFERRAL_PARTNERS)
  partner!: LegalReferralPartner;
}

export class CloseCaseDto extends CaseStepDto {
  @ApiProperty({ enum: [...LEGAL_CASE_OUTCOMES], description: `结果：${describeCodes(LEGAL_CASE_OUTCOME_LABELS)}` }) @IsIn(LEGAL_CASE_OUTCOMES)
  outcome!: LegalCaseOutcome;
}
