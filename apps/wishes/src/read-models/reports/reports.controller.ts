import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Kysely, Selectable } from 'kysely';
import { CurrentPrincipal, isUuid, Public, Roles, uuidParam, authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { DB, decodeCursor, DEFAULT_PAGE_SIZE, page, PageQueryDto } from '@ws/platform';
import { Photos } from '@ws/uploads';
import type { ReportBoardTable, WishesDatabase } from '../../db/database';
import { wishesError } from '../../errors';

const REPORT_STATUSES = ['submitted', 'valid', 'rejected'] as const;

/** The street's reports, filtered by status; keyset pages (limit 1–200, 50 by default; `after` = the previous page's `next`). */
export class ReportsQueryDto extends PageQueryDto {
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
  @ApiOperation({ summary: '街道的随手拍，最近提交的在前（按状态筛选，如待审核），分页：{ items, next }' })
  async list(@Param('streetCode') streetCode: string, @Query() query: ReportsQueryDto, @CurrentPrincipal() principal: Principal) {
    authorize(principal, { street: streetCode });
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('report_board')
      .selectAll()
      .where('street_code', '=', streetCode)
      .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status!))
      .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('submitted_at', '<', new Date(after!.at)), eb.and([eb('submitted_at', '=', new Date(after!.at)), eb('report_id', '<', after!.id)])])))
      .orderBy('submitted_at', 'desc')
      .orderBy('report_id', 'desc')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (row) => ({ at: row.submitted_at.toISOString(), id: row.report_id }));
    return { items: result.items.map(view), next: result.next };
  }

  @Get('reports/:reportId')
  @Public()
  @ApiOperation({ summary: '随手拍审核结果与奖励（上报人查询）' })
  async one(@Param('reportId', uuidParam('reportId')) reportId: string) {
    const row = await this.db.selectFrom('report_board').selectAll().where('report_id', '=', reportId).executeTakeFirst();
    if (!row) throw wishesError('report_not_found', '没有这条随手拍（刚提交的请稍后再查）');
    return { ...view(row), photos: this.photos.links(row.photo_refs) };
  }
}
