import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { REPORT_REWARD_YUAN } from '@ws/contracts';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { REPORT_REASON_MAX } from '../report.decider';
import type { ReportCommand, ReportState } from '../report.decider';
import { reportAggregate } from '../../aggregates';
import { wishesError } from '../../errors';

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

@ApiTags('随手拍 reports')
@ApiBearerAuth()
@Controller('reports/:reportId')
export class ReviewReportController {
  constructor(private readonly runner: CommandRunner) {}

  @Post('validate')
  @HttpCode(200)
  @Roles('street_officer', 'district_officer')
  @ApiOperation({ summary: '认定有效并奖励 2–100 元（转为积分记入会员卡）' })
  validate(@Param('reportId', uuidParam('reportId')) reportId: string, @Body() dto: ValidateReportDto, @CurrentPrincipal() principal: Principal, @ExpectedVersion() expectedVersion?: number) {
    return this.review(reportId, principal, { type: 'ValidateReport', officerId: principal.subject, amountYuan: dto.amountYuan, note: dto.note ?? null }, expectedVersion);
  }

  @Post('reject')
  @HttpCode(200)
  @Roles('street_officer', 'district_officer')
  @ApiOperation({ summary: '认定无效，附理由' })
  reject(@Param('reportId', uuidParam('reportId')) reportId: string, @Body() dto: RejectReportDto, @CurrentPrincipal() principal: Principal, @ExpectedVersion() expectedVersion?: number) {
    return this.review(reportId, principal, { type: 'RejectReport', officerId: principal.subject, reason: dto.reason }, expectedVersion);
  }

  private async review(reportId: string, principal: Principal, command: ReportCommand, expectedVersion: number | undefined) {
    const result = await this.runner.run(
      reportAggregate,
      reportId,
      (state: ReportState) => {
        if (state.status === 'none') throw wishesError('report_not_found', '没有这条随手拍');
        authorize(principal, { street: state.streetCode });
        return command;
      },
      { expectedVersion, meta: { actor: principal.subject } },
    );
    return { reportId, status: result.state.status, version: result.version };
  }
}
