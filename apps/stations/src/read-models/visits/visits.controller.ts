import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { Kysely } from 'kysely';
import { shanghaiDayAndHour } from '@ws/contracts';
import { CLOCK, Public } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { checkDayRange, DayRangeDto } from '../day-range';
import { VISIT_GROUPINGS, visitsBy, visitsTotal } from './visits.query';
import type { VisitGrouping } from './visits.query';

export class VisitsQueryDto extends DayRangeDto {
  @ApiProperty({ enum: VISIT_GROUPINGS, description: '分组维度' })
  @IsIn(VISIT_GROUPINGS)
  by!: VisitGrouping;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  stationId?: string;

  @ApiPropertyOptional() @IsOptional() @MaxLength(20)
  streetCode?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\w{2,12}$/)
  districtCode?: string;
}

@ApiTags('打卡与到访 visits')
@Controller('visits')
export class VisitsController {
  constructor(
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '到访人次统计：按日、小时、职业、站点、街道或区县' })
  async summary(@Query() query: VisitsQueryDto) {
    checkDayRange(query.from, query.to);
    const rows = await visitsBy(this.db, query.by, query);
    return { from: query.from, to: query.to, by: query.by, total: rows.reduce((sum, r) => sum + r.visits, 0), rows };
  }

  // Public: today's counts (total, by occupation, by hour) on the dashboard's big screen, no person.
  @Get('today')
  @Public()
  @ApiOperation({ summary: '今日到访（实时）：总数、按职业、按小时' })
  async today() {
    const { day } = shanghaiDayAndHour(this.clock.now());
    const filter = { from: day, to: day };
    const [total, byOccupation, byHour] = await Promise.all([
      visitsTotal(this.db, filter),
      visitsBy(this.db, 'occupation', filter),
      visitsBy(this.db, 'hour', filter),
    ]);
    return { day, total, byOccupation, byHour };
  }
}
