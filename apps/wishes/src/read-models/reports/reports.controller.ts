import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Kysely, Selectable } from 'kysely';
import { CurrentPrincipal, DomainError, Public, Roles, uuidParam, authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import { Photos } from '@ws/uploads';
import type { ReportBoardTable, WishesDatabase } from '../../db/database';

const REPORT_STATUSES = ['submitted', 'valid', 'rejected'] as const;

export class ReportsQueryDto {
  @ApiPropertyOptional({ enum: REPORT_STATUSES }) @IsOptional() @IsIn(REPORT_STATUSES)
  status?: (typeof REPORT_STATUSES)[number];
}

function view(r: Selectable<ReportBoardTable>) {
  return {
    reportId: r.report_id,
    streetCode: r.street_code,
    location: { lng: r.lng, lat: r.lat },
    text: r.text,
    photoRefs: r.photo_refs,
    memberCard: r.member_card_mask,
    status: r.status,
    amountYuan: r.amount_yuan,
    points: r.points,
    reason: r.reason,
    submittedAt: r.submitted_at.toISOString(),
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
  };
}

@ApiTags('随手拍 reports')
@Controller()
export class ReportsController {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    private readonly photos: Photos,
  ) {}

  @Get('streets/:streetCode/reports')
  @ApiBearerAuth()
  @Roles('street_officer', 'district_officer')
  @ApiOperation({ summary: '街道的随手拍，待审核的在前' })
  async list(@Param('streetCode') streetCode: string, @Query() query: ReportsQueryDto, @CurrentPrincipal() principal: Principal) {
    authorize(principal, { street: streetCode });
    let q = this.db.selectFrom('report_board').selectAll().where('street_code', '=', streetCode);
    if (query.status) q = q.where('status', '=', query.status);
    const rows = await q.orderBy('status', 'desc').orderBy('submitted_at').limit(500).execute();
    return rows.map(view);
  }

  @Get('reports/:reportId')
  @Public()
  @ApiOperation({ summary: '随手拍审核结果与奖励（上报人查询）' })
  async one(@Param('reportId', uuidParam('reportId')) reportId: string) {
    const row = await this.db.selectFrom('report_board').selectAll().where('report_id', '=', reportId).executeTakeFirst();
    if (!row) throw new DomainError('report_not_found', '没有这条随手拍（刚提交的请稍后再查）');
    return { ...view(row), photos: this.photos.links(row.photo_refs) };
  }
}
