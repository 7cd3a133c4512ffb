import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Kysely } from 'kysely';
import { ACTIVITY_KINDS, type ActivityKind, isCalendarDate, shanghaiToday } from '@ws/contracts';
import { type Clock, CLOCK, Public, uuidParam } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { figuresController } from '../figures.controller';
import { stationsError } from '../../errors';
import { ACTIVITY_GROUPINGS, ACTIVITY_STATUSES, activityById, activityFigures, activityPage, type ActivityGrouping, type ActivityStatus } from './activities.query';

export const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Part of the subtree: a station, a street or a district (activities and welfare alike). */
export class ActivityScopeDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  stationId?: string;

  @ApiPropertyOptional({ description: '街道（乡镇）代码' }) @IsOptional() @Matches(/^\d{9}$/)
  streetCode?: string;

  @ApiPropertyOptional({ description: '区县代码（市级、省级节点按区县筛选）' }) @IsOptional() @Matches(/^\w{2,12}$/)
  districtCode?: string;
}

export class ActivityListDto extends ActivityScopeDto {
  @ApiPropertyOptional({ enum: ACTIVITY_STATUSES }) @IsOptional() @IsIn(ACTIVITY_STATUSES)
  status?: ActivityStatus;

  @ApiPropertyOptional({ enum: [...ACTIVITY_KINDS] }) @IsOptional() @IsIn(ACTIVITY_KINDS)
  kind?: ActivityKind;

  @ApiPropertyOptional({ description: '计划日期不早于（含）YYYY-MM-DD' }) @IsOptional() @Matches(DAY, { message: 'from must be YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: '计划日期不晚于（含）YYYY-MM-DD' }) @IsOptional() @Matches(DAY, { message: 'to must be YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ description: '只列可报名的活动（计划中、接受报名、今天或以后），日期最近的在前' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  signUpOpen?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: '上一页答复的 next' }) @IsOptional() @IsString() @MaxLength(200)
  after?: string;
}

export class ActivityFiguresDto extends ActivityScopeDto {
  @ApiProperty({ description: '起始日期（含）YYYY-MM-DD，北京时间' }) @Matches(DAY, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ description: '结束日期（含）YYYY-MM-DD' }) @Matches(DAY, { message: 'to must be YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ enum: ACTIVITY_GROUPINGS, default: 'kind', description: '分组：活动类型、区县、街道、驿站、月份' })
  @IsOptional() @IsIn(ACTIVITY_GROUPINGS)
  by?: ActivityGrouping;
}

export const ActivityFiguresController = figuresController({
  name: 'ActivityFiguresController',
  path: 'activities/figures',
  tag: '活动 activities',
  summary: '活动场次与覆盖人数（其中新就业形态劳动者）：本级及下级合计，可按类型、区县、街道、驿站、月份分组',
  query: ActivityFiguresDto,
  async figures(db, query) {
    const by = query.by ?? 'kind';
    return { by, ...(await activityFigures(db, query.from, query.to, query, by)) };
  },
});

/** The activities of the node's subtree: a list for officers and workers, and the figures for reports and dashboards. */
@ApiTags('活动 activities')
@Controller('activities')
export class ActivitiesController {
  constructor(
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get() @Public()
  @ApiOperation({ summary: '活动列表（按计划日期倒序，分页；可报名的按日期正序）' })
  list(@Query() query: ActivityListDto) {
    const { limit, after, signUpOpen, ...filter } = query;
    for (const field of ['from', 'to'] as const) {
      if (filter[field] !== undefined && !isCalendarDate(filter[field])) throw stationsError('validation_failed', '日期无效', field);
    }
    if (filter.from && filter.to && filter.to < filter.from) throw stationsError('validation_failed', '结束日期早于起始日期', 'to');
    return activityPage(this.db, { ...filter, ...(signUpOpen ? { openOn: shanghaiToday(this.clock.now()) } : {}) }, after, limit ?? 50);
  }

  @Get(':id') @Public()
  @ApiOperation({ summary: '活动详情（报名人数、候补人数、举办情况）' })
  async one(@Param('id', uuidParam()) id: string) {
    const activity = await activityById(this.db, id);
    if (!activity) throw stationsError('activity_not_found', `活动 ${id} 不存在`, 'id');
    return activity;
  }
}
