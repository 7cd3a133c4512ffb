// 入会与会员, 心愿与随手拍, 派单与志愿服务: each service's GET /stats figures as numbers, its
// breakdowns as charts, and the one or two figures worth a tile at the top of the page.
import * as charts from './charts.js';
import { breakdownBarsOption, breakdownPieOption, isAllZero, monthBarsOption } from './charts-services.js';
import { escapeHtml, formatNumber } from './format.js';
import { byId, setTile, state } from './page.js';

/**
 * Per service: where its figures go, which figure feeds a tile (first key found), and which
 * breakdown each chart draws (first name found). A breakdown or figure the service does not send
 * leaves its chart or tile at 暂无数据.
 */
export const SERVICE_SECTIONS = {
  membership: {
    figures: 'figures-membership',
    tiles: [{ tile: 'membership-total', keys: ['members'], sub: { tile: 'membership-month', keys: ['joinedThisMonth'] } }],
    charts: [
      { id: 'chart-members-occupation', breakdowns: ['byOccupation'], kind: 'pie', titles: { byOccupation: '会员职业构成' } },
      { id: 'chart-members-month', breakdowns: ['byMonth'], kind: 'months', name: '入会人数', titles: { byMonth: '近12个月入会' } },
      { id: 'chart-members-node', breakdowns: ['byNode', 'byUnion'], kind: 'bars', name: '会员', titles: { byNode: '各下级会员', byUnion: '会员最多的工会' } },
    ],
  },
  wishes: {
    figures: 'figures-wishes',
    tiles: [{ tile: 'wishes-open', keys: ['open', 'openWishes'], sub: { tile: 'wishes-overdue', keys: ['overdue', 'overdueWishes'] } }],
    charts: [
      { id: 'chart-wishes-status', breakdowns: ['byStatus'], kind: 'bars', name: '心愿', titles: { byStatus: '心愿状态' } },
      { id: 'chart-wishes-category', breakdowns: ['byCategory'], kind: 'pie', titles: { byCategory: '心愿类别' } },
    ],
  },
  dispatch: {
    figures: 'figures-dispatch',
    tiles: [],
    charts: [
      { id: 'chart-hours-month', breakdowns: ['hoursByMonth', 'byMonth'], kind: 'months', name: '服务时长（小时）', titles: { hoursByMonth: '每月志愿服务时长', byMonth: '每月志愿服务时长' } },
      { id: 'chart-tasks-status', breakdowns: ['tasksByStatus', 'byStatus', 'byVolunteerType'], kind: 'bars', name: '任务', titles: { tasksByStatus: '任务状态', byStatus: '任务状态', byVolunteerType: '志愿者类型' } },
    ],
  },
};

const FIGURES_SHOWN = 6;

function findFigure(stats, keys) {
  for (const key of keys) if (stats?.figures.has(key)) return stats.figures.get(key);
  return undefined;
}

function findBreakdown(stats, names) {
  const name = names.find((n) => stats?.breakdowns[n]?.length);
  return name ? { name, rows: stats.breakdowns[name] } : undefined;
}

function renderNumbers(element, service, stats) {
  const figures = stats ? [...stats.figures.values()].slice(0, FIGURES_SHOWN) : [];
  element.innerHTML = figures.length
    ? `<dl class="numbers">${figures
        .map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd data-figure="${escapeHtml(`${service}.${f.key}`)}" data-value="${escapeHtml(f.value)}">${formatNumber(f.value)}</dd></div>`)
        .join('')}</dl>`
    : '<div class="empty">暂无数据</div>';
}

function renderChart(chart, found) {
  const title = byId(`${chart.id}-title`);
  if (title) title.textContent = chart.titles[found?.name ?? chart.breakdowns[0]];
  if (!found) return charts.showEmpty(chart.id);
  const rows = found.rows;
  if (chart.kind !== 'months' && isAllZero(rows)) return charts.showEmpty(chart.id, '暂无记录');
  const option = chart.kind === 'pie' ? breakdownPieOption(rows) : chart.kind === 'months' ? monthBarsOption(rows, chart.name) : breakdownBarsOption(rows, chart.name);
  charts.showChart(chart.id, option);
}

export function renderServiceStats(service, stats) {
  const section = SERVICE_SECTIONS[service];
  renderNumbers(byId(section.figures), service, stats);
  for (const { tile, keys, sub } of section.tiles) {
    const figure = findFigure(stats, keys);
    setTile(tile, figure ? formatNumber(figure.value) : '暂无数据', figure?.value);
    const subFigure = findFigure(stats, sub.keys);
    setTile(sub.tile, subFigure ? formatNumber(subFigure.value) : '—', subFigure?.value);
  }
  const district = state.nodes?.node.level === 'district';
  for (const chart of section.charts) {
    // A district has no child nodes: its members by node would be one bar.
    const names = district ? chart.breakdowns.filter((name) => name !== 'byNode') : chart.breakdowns;
    renderChart(chart, findBreakdown(stats, names));
  }
}
