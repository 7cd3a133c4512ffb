import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { REPORT_REWARD_YUAN } from '@ws/contracts';
import { REPORT_REASON_MAX } from '../report.decider';

export class ValidateReportDto {
  @ApiProperty({ minimum: REPORT_REWARD_YUAN.min, maximum: REPORT_REWARD_YUAN.max, description: '奖励金额（元）' })
  @IsInt() @Min(REPORT_REWARD_YUAN.min) @Max(REPORT_REWARD_YUAN.max)
  amountYuan!: number;

  @ApiPropertyOptional({ maxLength: REPORT_REASON_MAX })
  @IsOptional() @IsString() @MaxLength(REPORT_REASON_MAX)
  note?: string;
}

export class RejectReportDto {
  @ApiProperty({ maxLength: REPORT_REASON_MAX })
  @IsString() @MaxLength(REPORT_REASON_MAX)
  reason!: string;
}
