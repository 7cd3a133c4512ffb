import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { RejectReportDto, ValidateReportDto } from './review-report.dto';
import { ReviewReportHandler } from './review-report.handler';

@ApiTags('随手拍 reports')
@ApiBearerAuth()
@Controller('reports/:reportId')
export class ReviewReportController {
  constructor(private readonly handler: ReviewReportHandler) {}

  @Post('validate')
  @HttpCode(200)
  @Roles('street_officer', 'district_officer')
  @ApiOperation({ summary: '认定有效并奖励 2–100 元（转为积分记入会员卡）' })
  validate(@Param('reportId', uuidParam('reportId')) reportId: string, @Body() dto: ValidateReportDto, @CurrentPrincipal() principal: Principal, @ExpectedVersion() expectedVersion?: number) {
    return this.handler.review(reportId, principal, { type: 'ValidateReport', officerId: principal.subject, amountYuan: dto.amountYuan, note: dto.note ?? null }, expectedVersion);
  }

  @Post('reject')
  @HttpCode(200)
  @Roles('street_officer', 'district_officer')
  @ApiOperation({ summary: '认定无效，附理由' })
  reject(@Param('reportId', uuidParam('reportId')) reportId: string, @Body() dto: RejectReportDto, @CurrentPrincipal() principal: Principal, @ExpectedVersion() expectedVersion?: number) {
    return this.handler.review(reportId, principal, { type: 'RejectReport', officerId: principal.subject, reason: dto.reason }, expectedVersion);
  }
}
