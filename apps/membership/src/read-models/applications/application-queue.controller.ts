import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Kysely, sql } from 'kysely';
import { CLOCK, type Clock, CurrentPrincipal, isUuid, mayDiscloseUnmasked, type Principal, Roles, uuidParam } from '@ws/kernel';
import { DB, decodeCursor, exactTimeText, page as keysetPage } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';
import { presentPerson } from '../../personal-data/disclosure';
import { PersonalDataVault } from '../../personal-data/personal-data.vault';
import { actorOf } from '../../shared/scope';
import { ageHours } from '../age';
import { membershipError } from '../../membership.errors';

const QUEUE_STATUSES = ['submitted', 'info_requested', 'approved', 'rejected'] as const;

export class QueueQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  unionId?: string;

  @ApiPropertyOptional({ enum: QUEUE_STATUSES, isArray: true, description: '缺省为待处理（submitted, info_requested）' })
  @IsOptional() @IsIn(QUEUE_STATUSES, { each: true })
  status?: string | string[];

  @ApiPropertyOptional({ default: 100, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: '上一页返回的 next（按提交时间的下一页）' }) @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/)
  after?: string;
}

/** An application as the queue and its detail answer it (camelCase, like every answer). */
const QUEUED_COLUMNS = [
  'a.application_id as applicationId', 'a.application_number as applicationNumber', 'a.union_id as unionId', 'u.name as unionName',
  'a.node_code as nodeCode', 'a.occupation', 'a.street_code as streetCode', 'a.channel', 'a.station_id as stationId', 'a.employer',
  'a.status', 'a.submitted_at as submittedAt', 'a.updated_at as updatedAt', 'a.erased',
] as const;

/** The applications queue (待审核) with ages, oldest first, and one application in detail. */
@ApiTags('入会审批 review')
@ApiBearerAuth()
@Controller('applications')
@Roles('province_officer', 'city_officer', 'district_officer', 'street_officer')
export class ApplicationQueueController {
  constructor(
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  @Get('queue')
  @ApiOperation({ summary: '申请队列：按等待时间排序（按页，next 为下一页），附等待小时数与按状态统计' })
  async queue(@Query() query: QueueQueryDto) {
    const limit = query.limit ?? 100;
    const after = decodeCursor(query.after, isUuid);
    const statuses = query.status === undefined ? ['submitted', 'info_requested'] : [query.status].flat();
    const rows = await this.db
      .selectFrom('application_queue as a')
      .leftJoin('unions as u', 'u.union_id', 'a.union_id')
      .select(QUEUED_COLUMNS)
      // The cursor carries submitted_at to the microsecond: applications of one millisecond are neither skipped nor repeated.
      .select(exactTimeText('a.submitted_at').as('cursorAt'))
      .where('a.status', 'in', statuses as Array<(typeof QUEUE_STATUSES)[number]>)
      .$if(Boolean(query.unionId), (q) => q.where('a.union_id', '=', query.unionId!))
      .$if(after !== null, (q) => q.where(sql<boolean>`(a.submitted_at, a.application_id) > (${after!.at}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('a.submitted_at')
      .orderBy('a.application_id')
      .limit(limit + 1)
      .execute();
    const { items: page, next } = keysetPage(rows, limit, (row) => ({ at: row.cursorAt, id: row.applicationId }));
    const { rows: counts } = await sql<{ status: string; n: number; oldest: Date | null }>`
      select status, count(*)::int as n, min(submitted_at) as oldest from application_queue
      ${query.unionId ? sql`where union_id = ${query.unionId}::uuid` : sql``}
      group by status`.execute(this.db);
    const now = this.clock.now();
    return {
      counts: Object.fromEntries(counts.map((c) => [c.status, { count: c.n, oldestAgeHours: c.oldest ? ageHours(now, c.oldest) : null }])),
      items: page.map(({ cursorAt: _cursor, ...r }) => ({ ...r, ageHours: ageHours(now, r.submittedAt) })),
      next,
    };
  }

  @Get(':applicationId')
  @ApiOperation({ summary: '申请详情（个人信息按角色脱敏）' })
  async detail(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @CurrentPrincipal() principal: Principal) {
    const row = await this.db
      .selectFrom('application_queue as a')
      .leftJoin('unions as u', 'u.union_id', 'a.union_id')
      .select([...QUEUED_COLUMNS, 'a.person_id as personId', 'u.node_code as unionNode', 'u.street_code as unionStreet'])
      .where('a.application_id', '=', applicationId)
      .executeTakeFirst();
    if (!row) throw membershipError('application_not_found', '入会申请不存在');
    const unmasked = row.unionNode !== null && mayDiscloseUnmasked(principal, { nodeCode: row.unionNode, streetCode: row.unionStreet });
    const revealed = await this.vault.reveal(this.db, [row.personId]);
    if (unmasked && !row.erased) await this.vault.logDisclosure(this.db, actorOf(principal), [row.personId], 'application_review');
    return { ...row, person: presentPerson(revealed.get(row.personId), unmasked, row.erased) };
  }
}
