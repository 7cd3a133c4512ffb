import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ABUSE_KINDS } from '@ws/contracts';
import type { AbuseKind } from '@ws/contracts';

export class ReportDto {
  @ApiProperty({ enum: ABUSE_KINDS, description: '虚假招聘、收取费用、拖欠工资、不安全、其他' }) @IsIn(ABUSE_KINDS)
  kind!: AbuseKind;

  @ApiPropertyOptional({ description: '说明（不要写手机号、身份证号）' }) @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}
