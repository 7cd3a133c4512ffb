import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { checkDayRange, DayRangeDto } from '../day-range';
import { legalAidFigures, legalCasesByKind } from './legal-cases.query';

/** Legal aid of the node's subtree as counts (the dashboards' 法律援助): the same query as the report's. */
@ApiTags('法律援助 legal aid')
@Controller('legal-aid/figures')
export class LegalAidFiguresController {
  constructor(@Inject(DB) private readonly db: Kysely<StationsDatabase>) {}

  // Public like the activity figures: counts and sums over the whole subtree only. No station,
  // street or occupation narrows them, so a small count never points at the worker behind a case.
  @Get() @Public()
  @ApiOperation({ summary: '法律援助：期间内受理、调解成功、转交的案件数，挽回金额（分），受理案件按类型；本级及下级合计（与报表同数）' })
  async figures(@Query() query: DayRangeDto) {
    checkDayRange(query.from, query.to);
    const [figures, byKind] = await Promise.all([legalAidFigures(this.db, query.from, query.to), legalCasesByKind(this.db, query.from, query.to)]);
    return { from: query.from, to: query.to, ...figures, byKind };
  }
}
