// 驿站总数, 24小时驿站, tiers and kinds, stars, and compliance against the adopted standard.
import * as charts from './charts.js';
import { formatNumber, formatPercent } from './format.js';
import { byId, setTile, state } from './page.js';

export function renderStations(directory) {
  state.stations = directory;
  if (!directory) {
    for (const name of ['stations-total', 'stations-active', 'stations-24h', 'stations-24h-share']) setTile(name, '暂无数据');
    charts.showEmpty('chart-tiers');
    charts.showEmpty('chart-stars');
    return;
  }
  const { items, total } = directory;
  const active = items.filter((s) => s.status === 'active').length;
  const open24h = items.filter((s) => s.open24h && s.status !== 'closed').length;
  setTile('stations-total', formatNumber(total), total);
  setTile('stations-active', formatNumber(active), active);
  setTile('stations-24h', formatNumber(open24h), open24h);
  setTile('stations-24h-share', items.length > 0 ? formatPercent(open24h / items.length) : '—');
  if (items.length === 0) {
    charts.showEmpty('chart-tiers');
    charts.showEmpty('chart-stars');
    return;
  }
  charts.showChart('chart-tiers', charts.tiersOption(items));
  charts.showChart('chart-stars', charts.starsOption(items));
}

/** The compliance endpoint first; failing that, what the directory says of each station. */
export function renderCompliance(compliance) {
  let figures = compliance;
  if (!figures && state.stations) {
    const judged = state.stations.items.filter((s) => s.compliant !== null);
    if (judged.length > 0) {
      const compliant = judged.filter((s) => s.compliant).length;
      figures = { standard: null, total: judged.length, compliant, rate: compliant / judged.length, missing: [] };
    }
  }
  if (!figures) {
    setTile('compliance-rate', '暂无数据');
    setTile('compliance-detail', '尚未采用建设标准');
    byId('standard-name').textContent = '';
    charts.showEmpty('chart-compliance');
    charts.showEmpty('chart-missing');
    return;
  }
  const standard = figures.standard ? `「${figures.standard}」` : '建设标准';
  setTile('compliance-rate', formatPercent(figures.rate), figures.rate);
  setTile('compliance-detail', figures.total !== null ? `对照${standard} 达标 ${formatNumber(figures.compliant)} / ${formatNumber(figures.total)}` : `对照${standard}`);
  byId('standard-name').textContent = figures.standard ? `对照「${figures.standard}」` : '';
  charts.showChart('chart-compliance', charts.complianceOption(figures));
  if (figures.missing.length > 0) charts.showChart('chart-missing', charts.missingFacilitiesOption(figures.missing));
  else charts.showEmpty('chart-missing', figures.rate >= 1 ? '全部达标' : '暂无缺项数据');
}
