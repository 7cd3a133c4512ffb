import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Kysely, sql } from 'kysely';
import { JOB_CATEGORY_LABELS } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { JobsDatabase } from '../db/database';
import { ALL_CATEGORIES } from './figures.projection';
import { jobsError } from '../errors';

const BY = ['district', 'category', 'day'] as const;

export class FiguresQueryDto {
  @ApiPropertyOptional({ example: '2026-06-01', description: '起（含，北京时间日期）' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from 须为 YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: '止（含）' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to 须为 YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: BY, default: 'district' }) @IsOptional() @IsIn(BY, { message: 'by 须为 district、category 或 day' })
  by?: (typeof BY)[number];
}

const COUNTS = ['postingsPublished', 'seekersRegistered', 'applications', 'hires', 'fairsHeld', 'fairAttendance', 'fairIntentions'] as const;
const counts = (r: Record<(typeof COUNTS)[number], number>) => Object.fromEntries(COUNTS.map((k) => [k, r[k]])) as Record<(typeof COUNTS)[number], number>;

/** 零工之家's figures for the node's subtree: counts only, no one's data (public, like the stations' figures). */
@ApiTags('零工之家 jobs')
@Controller('figures')
export class FiguresController {
  constructor(@Inject(DB) private readonly db: Kysely<JobsDatabase>) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '零工之家数据：发布岗位、注册求职者、申请、录用、举办招聘会、到场人次、达成意向，按区县、工种或日期；求职者、招聘会和到场不分工种' })
  async figures(@Query() query: FiguresQueryDto) {
    if (query.from && query.to && query.to < query.from) throw jobsError('validation_failed', '结束日期不能早于开始日期', 'to');
    const by = query.by ?? 'district';
    const column = by === 'district' ? 'district_code' : by;
    const rows = await this.db
      .selectFrom('jobs_figures')
      .select([
        sql<string>`${sql.ref(column)}`.as('key'),
        sql<number>`sum(postings_published)::int`.as('postingsPublished'),
        sql<number>`sum(seekers_registered)::int`.as('seekersRegistered'),
        sql<number>`sum(applications)::int`.as('applications'),
        sql<number>`sum(hires)::int`.as('hires'),
        sql<number>`sum(fairs_held)::int`.as('fairsHeld'),
        sql<number>`sum(fair_attendance)::int`.as('fairAttendance'),
        sql<number>`sum(fair_intentions)::int`.as('fairIntentions'),
      ])
      .$if(query.from !== undefined, (qb) => qb.where('day', '>=', query.from!))
      .$if(query.to !== undefined, (qb) => qb.where('day', '<=', query.to!))
      .groupBy(column)
      .orderBy(column)
      .execute();
    const items = rows
      .filter((r) => !(by === 'category' && r.key === ALL_CATEGORIES))
      .map((r) => ({ [by]: r.key, ...(by === 'category' ? { label: JOB_CATEGORY_LABELS[r.key as keyof typeof JOB_CATEGORY_LABELS] ?? r.key } : {}), ...counts(r) }));
    const totals = rows.reduce((t, r) => {
      const c = counts(r);
      for (const k of COUNTS) t[k] += c[k];
      return t;
    }, Object.fromEntries(COUNTS.map((k) => [k, 0])) as Record<(typeof COUNTS)[number], number>);
    return { by, from: query.from ?? null, to: query.to ?? null, totals, items };
  }
}
