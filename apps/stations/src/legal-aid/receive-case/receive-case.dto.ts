import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LEGAL_CASE_KIND_LABELS, LEGAL_CASE_KINDS, OCCUPATIONS, type LegalCaseKind, type Occupation } from '@ws/contracts';
import { describeCodes, OCCUPATION_LABELS } from '../../catalogue/labels';
import { DAY } from '../../activity/plan-activity/plan-activity.dto';
import { NAME_MAX, STREET_CODE } from '../../station/station.rules';
import { NOT_BLANK } from '../../station/shared/dto-decorators';

const MOBILE = /^1[3-9]\d{9}$/;
const ACCOUNT_MAX = 2000;

export class ReceiveLegalCaseDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: '受理驿站；街道受理时不填' }) @IsOptional() @IsUUID()
  stationId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '街道（乡镇）代码，9位' }) @IsOptional() @Matches(STREET_CODE, { message: 'streetCode must be 9 digits' })
  streetCode?: string | null;

  @ApiProperty({ enum: [...LEGAL_CASE_KINDS], description: `类型：${describeCodes(LEGAL_CASE_KIND_LABELS)}` }) @IsIn(LEGAL_CASE_KINDS)
  kind!: LegalCaseKind;

  @ApiProperty({ enum: [...OCCUPATIONS], description: `当事人职业：${describeCodes(OCCUPATION_LABELS)}` }) @IsIn(OCCUPATIONS)
  occupation!: Occupation;

  @ApiProperty({ example: '2026-05-10' }) @Matches(DAY, { message: 'receivedOn must be YYYY-MM-DD' })
  receivedOn!: string;

  @ApiProperty({ description: '当事人姓名（只存于加密库）', maxLength: NAME_MAX }) @IsString() @MaxLength(NAME_MAX) @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ description: '当事人手机（只存于加密库）', example: '13800000000' }) @Matches(MOBILE, { message: 'mobile must be a mainland mobile number' })
  mobile!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: NAME_MAX, description: '用工单位或平台' }) @IsOptional() @IsString() @MaxLength(NAME_MAX)
  employer?: string | null;

  @ApiProperty({ maxLength: ACCOUNT_MAX, description: '诉求与经过（只存于加密库）' }) @IsString() @MaxLength(ACCOUNT_MAX) @Matches(NOT_BLANK, { message: 'account must not be blank' })
  account!: string;
}
