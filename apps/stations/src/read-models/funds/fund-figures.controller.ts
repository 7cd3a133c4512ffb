import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { checkDayRange, DayRangeDto } from '../day-range';
import { budgetFigures, fundFigures } from './funds.query';

/** Funds of the node's subtree as sums (the dashboards' 经费): the same query as the report's 经费支出. */
@ApiTags('经费 funds')
@Controller('funds/figures')
export class FundFiguresController {
  constructor(@Inject(DB) private readonly db: Kysely<StationsDatabase>) {}

  // Public like the activity and welfare figures: sums over the whole subtree in fen, by category,
  // never a budget, a station's spending or a payee (those are the officers' GET /funds/budgets).
  @Get() @Public()
  @ApiOperation({ summary: '经费（分）：期间内支出合计及按类别，期间所在年度的预算、已支出与余额；本级及下级合计（与报表同数）' })
  async figures(@Query() query: DayRangeDto) {
    checkDayRange(query.from, query.to);
    const [spending, budgets] = await Promise.all([
      fundFigures(this.db, query.from, query.to),
      budgetFigures(this.db, Number(query.from.slice(0, 4)), Number(query.to.slice(0, 4))),
    ]);
    return { from: query.from, to: query.to, ...spending, budgets };
  }
}
