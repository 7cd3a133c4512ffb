// 下级看板: links to the children's dashboards with today's live figures; at a district, its
// stations (a click opens the station card) — the last step of province → city → district → station.
import { escapeHtml, formatNumber } from './format.js';
import { byId, codeName, state } from './page.js';
import { showStation } from './station-card.js';

const STATIONS_LISTED = 10;

export function renderChildren() {
  const list = byId('children');
  const node = state.nodes?.node;
  if (node?.level === 'district') {
    renderStationList(list);
    return;
  }
  const live = new Map((state.live?.children ?? []).map((c) => [c.code, c]));
  const links = state.nodes?.children ?? [];
  const codes = [...new Set([...links.map((l) => l.code), ...[...live.keys()].filter((code) => code !== node?.code)])];
  list.innerHTML = codes.length
    ? codes
        .map((code) => {
          const link = links.find((l) => l.code === code);
          const figures = live.get(code);
          const name = escapeHtml(link?.name ?? figures?.name ?? code);
          const title = link ? `<a href="${escapeHtml(link.url)}" data-child="${escapeHtml(code)}">${name} ›</a>` : `<span>${name}</span>`;
          return `<li>${title}<span>今日到访 ${formatNumber(figures?.visits ?? 0)} · 事件 ${formatNumber(figures?.events ?? 0)}</span></li>`;
        })
        .join('')
    : '<li class="empty">暂无数据</li>';
}

function renderStationList(list) {
  const stations = (state.stations?.items ?? [])
    .slice()
    .sort((a, b) => (b.stars ?? 0) - (a.stars ?? 0) || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, STATIONS_LISTED);
  byId('children-heading').textContent = '驿站列表';
  byId('children-hint').textContent = `星级最高的 ${stations.length} 个，点击查看详情`;
  list.innerHTML = stations.length
    ? stations
        .map((s) => `<li><button type="button" data-station="${escapeHtml(s.id)}">${escapeHtml(s.name)}</button><span>${escapeHtml(codeName('tiers', s.tier))} · ${s.stars ? '★'.repeat(Number(s.stars) || 0) : '未评星'}</span></li>`)
        .join('')
    : '<li class="empty">暂无数据</li>';
  for (const button of list.querySelectorAll('button[data-station]')) button.addEventListener('click', () => showStation(button.dataset.station));
}
