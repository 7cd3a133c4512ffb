// The station card over the map: the directory's row at once, then GET stations/:id (honours,
// history) — the station level of the drill-down.
import { fetchStation } from './api-client.js';
import { escapeHtml, shanghaiDate } from './format.js';
import { byId, codeName, state } from './page.js';

const HISTORY_SHOWN = 5;

function historyOf(station) {
  const entries = (station.history ?? []).slice(-HISTORY_SHOWN).reverse();
  if (entries.length === 0) return '';
  const items = entries
    .map((e) => `<li><time>${e.at ? shanghaiDate(0, new Date(e.at).getTime()) : '—'}</time>${escapeHtml(state.labels[e.type] ?? e.type)}</li>`)
    .join('');
  return `<h5>最近记录</h5><ol class="history">${items}</ol>`;
}

function draw(card, station) {
  card.hidden = false;
  card.dataset.station = station.id;
  card.innerHTML = `
    <button type="button" class="close" aria-label="关闭">×</button>
    <h4>${escapeHtml(station.name)}</h4>
    <dl>
      <dt>层级</dt><dd>${escapeHtml(codeName('tiers', station.tier))}</dd>
      <dt>类型</dt><dd>${escapeHtml(codeName('kinds', station.kind))}</dd>
      <dt>状态</dt><dd>${escapeHtml(codeName('statuses', station.status))}${station.open24h ? ' · 24小时' : ''}</dd>
      <dt>星级</dt><dd>${station.stars ? '★'.repeat(Number(station.stars) || 0) : '未评定'}</dd>
      ${station.seats ? `<dt>座位</dt><dd>${escapeHtml(station.seats)}</dd>` : ''}
      ${station.address ? `<dt>地址</dt><dd>${escapeHtml(station.address)}</dd>` : ''}
      ${station.facilities.length ? `<dt>设施</dt><dd>${station.facilities.map((f) => escapeHtml(codeName('facilities', f))).join('、')}</dd>` : ''}
      ${station.honours?.length ? `<dt>荣誉</dt><dd>${station.honours.map((h) => escapeHtml(`${h.year} ${h.title}`)).join('、')}</dd>` : ''}
    </dl>
    ${historyOf(station)}`;
  card.querySelector('.close').addEventListener('click', () => {
    card.hidden = true;
  });
}

export async function showStation(id) {
  const card = byId('station-card');
  const fromDirectory = state.stations?.items.find((s) => s.id === id);
  if (fromDirectory) draw(card, fromDirectory);
  const detail = await fetchStation(id);
  if (detail) {
    draw(card, { ...fromDirectory, ...detail });
    card.dataset.detail = 'loaded';
  }
}
