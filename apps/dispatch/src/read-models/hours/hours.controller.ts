import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { Kysely } from 'kysely';
import { shanghaiDayAndHour } from '@ws/contracts';
import { CLOCK, CurrentPrincipal, Roles, authorize, UNION_ROLES } from '@ws/kernel';
import type { Clock, Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { DispatchDatabase } from '../../db/database';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import { HOURS_GROUPINGS, hoursBy } from './hours.query';
import type { HoursGrouping } from './hours.query';
import { dispatchError } from '../../dispatch.errors';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class HoursQueryDto {
  @ApiProperty({ enum: HOURS_GROUPINGS }) @IsIn(HOURS_GROUPINGS)
  by!: HoursGrouping;

  @ApiPropertyOptional({ example: '2026-01', description: '起始月份（含），默认本年一月' }) @IsOptional() @Matches(MONTH)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: '结束月份（含），默认本月' }) @IsOptional() @Matches(MONTH)
  to?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  volunteerId?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  stationId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9a-z]{6}\d{3}$/)
  streetCode?: string;
}

@ApiTags('服务时长 hours')
@Controller()
export class HoursController {
  constructor(
    @Inject(DB) private readonly db: Kysely<DispatchDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('hours')
  @ApiBearerAuth()
  @Roles(...UNION_ROLES)
  @ApiOperation({ summary: '志愿服务时长：按志愿者、站点、月份、街道或类型汇总' })
  async summary(@Query() query: HoursQueryDto, @CurrentPrincipal() principal: Principal) {
    if (query.streetCode) authorize(principal, { street: query.streetCode, field: 'streetCode' });
    const range = this.months(query.from, query.to);
    const rows = await hoursBy(this.db, query.by, { ...range, volunteerId: query.volunteerId, stationId: query.stationId, streetCode: principal.street ?? query.streetCode });
    return { by: query.by, from: range.fromMonth, to: range.toMonth, total: rows.reduce((sum, r) => sum + r.hours, 0), rows };
  }

  @Get('volunteers/me/hours')
  @VolunteerOnly()
  @ApiOperation({ summary: '我的服务时长（按月）' })
  async mine(@CurrentVolunteer() volunteerId: string) {
    const range = this.months(undefined, undefined);
    const rows = await hoursBy(this.db, 'month', { fromMonth: '2000-01', toMonth: range.toMonth, volunteerId });
    return { volunteerId, total: rows.reduce((sum, r) => sum + r.hours, 0), byMonth: rows };
  }

  private months(from: string | undefined, to: string | undefined) {
    const thisMonth = shanghaiDayAndHour(this.clock.now()).day.slice(0, 7);
    const range = { fromMonth: from ?? `${thisMonth.slice(0, 4)}-01`, toMonth: to ?? thisMonth };
    if (range.toMonth < range.fromMonth) throw dispatchError('validation_failed', '结束月份早于起始月份', 'to');
    return range;
  }
}
