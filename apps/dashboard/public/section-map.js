// The map section: stations, heat and gaps (map.js), the 15分钟服务圈 summary, drill-down by region.
import * as charts from './charts.js';
import { escapeHtml, formatNumber, formatPercent } from './format.js';
import { renderMap } from './map.js';
import { byId, state } from './page.js';
import { showStation } from './station-card.js';

function stationCountsByRegion() {
  const counts = new Map();
  const items = state.stations?.items ?? [];
  const names = state.map?.namesByCode ?? new Map();
  if (state.map?.outlinesCities) {
    for (const station of items) {
      const name = names.get(String(station.districtCode ?? '').slice(0, 4));
      if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  } else {
    for (const name of names.values()) counts.set(name, state.stations?.total ?? items.length);
  }
  return counts;
}

export function renderMapSection() {
  const node = state.nodes?.node;
  if (!node) {
    charts.showEmpty('chart-map', '暂无地图数据');
    return;
  }
  renderMap('chart-map', {
    node,
    map: state.map,
    stations: state.stations?.items ?? [],
    coverage: state.coverage,
    stationCounts: stationCountsByRegion(),
    onStation: showStation,
    onRegion: (name) => {
      const child = state.nodes?.children.find((c) => c.name === name);
      if (child) window.location.href = child.url;
    },
  });
  const coverage = state.coverage;
  byId('coverage-summary').innerHTML = coverage
    ? `15分钟服务圈覆盖劳动者 <b data-tile="coverage-share" data-value="${escapeHtml(coverage.share ?? '')}">${formatPercent(coverage.share)}</b>` +
      (coverage.workers !== null ? `（${formatNumber(coverage.covered)} / ${formatNumber(coverage.workers)} 人，按在运营驿站，不论钟点）` : '') +
      ` · 覆盖空白 <b data-tile="coverage-gaps" data-value="${escapeHtml(coverage.gaps.length)}">${formatNumber(coverage.gaps.length)}</b> 处（红色波纹，建议选址）`
    : '<span class="muted">劳动者热力与覆盖：暂无数据</span>';
}
