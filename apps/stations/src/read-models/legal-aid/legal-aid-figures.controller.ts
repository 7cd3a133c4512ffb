import { DayRangeDto } from '../day-range';
import { figuresController } from '../figures.controller';
import { legalAidFigures, legalCasesByKind } from './legal-cases.query';

/**
 * Legal aid of the node's subtree as counts (the dashboards' 法律援助): the same query as the report's.
 * No station, street or occupation narrows them, so a small count never points at the worker behind a case.
 */
export const LegalAidFiguresController = figuresController({
  name: 'LegalAidFiguresController',
  path: 'legal-aid/figures',
  tag: '法律援助 legal aid',
  summary: '法律援助：期间内受理、调解成功、转交的案件数，挽回金额（分），受理案件按类型；本级及下级合计（与报表同数）',
  query: DayRangeDto,
  async figures(db, query) {
    const [figures, byKind] = await Promise.all([legalAidFigures(db, query.from, query.to), legalCasesByKind(db, query.from, query.to)]);
    return { ...figures, byKind };
  },
});
