import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { Kysely } from 'kysely';
import { Public } from '@ws/kernel';
import { DB, PageQueryDto } from '@ws/platform';
import type { DispatchDatabase } from '../../db/database';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import { coverage, rota } from './shifts.query';
import { dispatchError } from '../../dispatch.errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_RANGE_DAYS = 92;

export class RangeQueryDto {
  @ApiProperty({ example: '2026-06-01' }) @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-06-07' }) @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  stationId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9a-z]{6}\d{3}$/)
  streetCode?: string;
}

/** The rota's filter and its page (keyset, `limit` and `after`). */
export class RotaQueryDto extends IntersectionType(RangeQueryDto, PageQueryDto) {}

function checkedRange(query: { from: string; to: string }): void {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (Number.isNaN(from) || Number.isNaN(to)) throw dispatchError('validation_failed', '日期无效', Number.isNaN(from) ? 'from' : 'to');
  if (to < from) throw dispatchError('validation_failed', '结束日期早于起始日期', 'to');
  if ((to - from) / 86_400_000 > MAX_RANGE_DAYS) throw dispatchError('validation_failed', `时间范围不能超过 ${MAX_RANGE_DAYS} 天`, 'to');
}

/** The rota shows volunteer ids only, so it is public like a duty board on the station's wall. */
@ApiTags('轮值 shifts')
@Controller()
export class ShiftsController {
  constructor(@Inject(DB) private readonly db: Kysely<DispatchDatabase>) {}

  @Get('shifts')
  @Public()
  @ApiOperation({ summary: '轮值表（按站点或街道、日期范围），按开始时间排序，按 next 翻页' })
  list(@Query() query: RotaQueryDto) {
    checkedRange(query);
    const { limit, after, ...filter } = query;
    return rota(this.db, filter, { limit, after });
  }

  @Get('shifts/coverage')
  @Public()
  @ApiOperation({ summary: '轮值覆盖：每站每天有人值守的小时数（重叠只算一次）' })
  coverage(@Query() query: RangeQueryDto) {
    checkedRange(query);
    return coverage(this.db, query);
  }

  @Get('volunteers/me/shifts')
  @VolunteerOnly()
  @ApiOperation({ summary: '我的班次，按开始时间排序，按 next 翻页' })
  mine(@Query() query: RotaQueryDto, @CurrentVolunteer() volunteerId: string) {
    checkedRange(query);
    const { limit, after, ...filter } = query;
    return rota(this.db, { ...filter, volunteerId }, { limit, after });
  }
}
