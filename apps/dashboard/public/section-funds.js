// 经费与法律援助: the year so far of the node's subtree — budgets, spending and balance (fen, shown
// in 元/万元), and legal-aid cases received, settled and the amounts recovered — from the stations
// service's public figures, which run the year's report's queries. Categories and kinds are named
// by the service's answer (the label of each row), not by the page.
import * as charts from './charts.js';
import { breakdownBarsOption, breakdownPieOption, isAllZero } from './charts-services.js';
import { formatFen } from './format.js';
import { byId, figureCell } from './page.js';

function renderNumbers(funds, legalAid) {
  const shown = [
    ...(funds
      ? [
          figureCell('funds.budget', '本年预算', funds.budgetFen, formatFen(funds.budgetFen)),
          figureCell('funds.spent', '经费支出', funds.spentFen, formatFen(funds.spentFen)),
          figureCell('funds.balance', '预算余额', funds.balanceFen, formatFen(funds.balanceFen)),
        ]
      : []),
    ...(legalAid
      ? [
          figureCell('legalAid.cases', '法律援助受理', legalAid.cases),
          figureCell('legalAid.settled', '调解成功', legalAid.settled),
          figureCell('legalAid.recovered', '挽回金额', legalAid.recoveredFen, formatFen(legalAid.recoveredFen)),
        ]
      : []),
  ];
  byId('figures-funds').innerHTML = shown.length ? `<dl class="numbers">${shown.join('')}</dl>` : '<div class="empty">暂无数据</div>';
}

/** Spending by category as a doughnut in 元 (the rows come in fen). */
function renderSpending(funds) {
  if (!funds) return charts.showEmpty('chart-funds-category');
  if (isAllZero(funds.byCategory)) return charts.showEmpty('chart-funds-category', '暂无记录');
  charts.showChart('chart-funds-category', breakdownPieOption(funds.byCategory.map((row) => ({ ...row, value: row.value / 100 }))));
}

/** Cases received by kind, most first. */
function renderCases(legalAid) {
  if (!legalAid) return charts.showEmpty('chart-legal-kind');
  if (isAllZero(legalAid.byKind)) return charts.showEmpty('chart-legal-kind', '暂无记录');
  charts.showChart('chart-legal-kind', breakdownBarsOption([...legalAid.byKind].filter((row) => row.value > 0).sort((a, b) => b.value - a.value), '案件'));
}

/** figures: { funds, legalAid } from fetchFundsAndLegalAid, each null when its endpoint did not answer. */
export function renderFundsAndLegalAid(figures) {
  const { funds, legalAid } = figures ?? {};
  renderNumbers(funds, legalAid);
  renderSpending(funds);
  renderCases(legalAid);
}
