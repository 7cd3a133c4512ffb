import { DayRangeDto } from '../day-range';
import { figuresController } from '../figures.controller';
import { budgetFigures, fundFigures } from './funds.query';

/**
 * Funds of the node's subtree as sums (the dashboards' 经费): the same query as the report's 经费支出.
 * Sums over the whole subtree in fen, by category, never a budget, a station's spending or a payee
 * (those are the officers' GET /funds/budgets).
 */
export const FundFiguresController = figuresController({
  name: 'FundFiguresController',
  path: 'funds/figures',
  tag: '经费 funds',
  summary: '经费（分）：期间内支出合计及按类别，期间所在年度的预算、已支出与余额；本级及下级合计（与报表同数）',
  query: DayRangeDto,
  async figures(db, query) {
    const [spending, budgets] = await Promise.all([
      fundFigures(db, query.from, query.to),
      budgetFigures(db, Number(query.from.slice(0, 4)), Number(query.to.slice(0, 4))),
    ]);
    return { ...spending, budgets };
  },
});
