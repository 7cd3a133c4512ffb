// The dashboard page: reads this node's services through /api (api-client.js, api-services.js)
// and its live counters from /live, and hands each answer to the section that draws it.
import * as api from './api-client.js';
import { fetchDirectives, fetchFundsAndLegalAid, fetchReceivedDirectives, fetchStats, fetchWorkFigures } from './api-services.js';
import { escapeHtml, LEVEL_NAMES, nameOf, shanghaiClock, shanghaiDate } from './format.js';
import { registerNodeMap } from './map.js';
import { byId, state } from './page.js';
import { renderChildren } from './section-children.js';
import { renderDirectives } from './section-directives.js';
import { renderFundsAndLegalAid } from './section-funds.js';
import { onLive, onLiveState } from './section-live.js';
import { renderMapSection } from './section-map.js';
import { renderServiceStats } from './section-services.js';
import { renderCompliance, renderStations } from './section-stations.js';
import { renderVisits } from './section-visits.js';
import { renderWork } from './section-work.js';

const REFRESH_MS = 60_000;

function startClock() {
  const tick = () => {
    byId('clock').textContent = `${shanghaiDate()} ${shanghaiClock()}`;
  };
  tick();
  setInterval(tick, 1000);
}

function renderHeader(nodes) {
  if (!nodes) return;
  const { node, parent } = nodes;
  byId('node-name').textContent = node.name;
  byId('node-level').textContent = nameOf(LEVEL_NAMES, node.level);
  document.title = `${node.name}总工会 · 工会驿站数据看板`;
  byId('crumbs').innerHTML = parent
    ? `<a href="${escapeHtml(parent.url)}">‹ ${escapeHtml(parent.name)}</a><span>/</span><b>${escapeHtml(node.name)}</b>`
    : `<b>${escapeHtml(node.name)}</b>`;
  if (node.level === 'district') byId('children-title').innerHTML = '今日业务 <small>按服务</small>';
  byId('map-hint').textContent =
    node.level === 'province' ? '点击城市进入市级看板，点击站点查看详情' : node.level === 'city' ? '下级区县见下方列表，点击站点查看详情' : '点击站点查看详情';
}

async function refresh() {
  const today = shanghaiDate(0);
  const from = shanghaiDate(-29);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const [codes, stations, compliance, coverage, byDay, byOccupation, visitsToday, directives, received, membership, wishes, dispatch, work, fundsAndLegalAid] = await Promise.all([
    // asked again at each refresh until the stations service has answered, so codes never stay unnamed
    state.codes ?? api.fetchCodeLabels(),
    api.fetchAllStations(),
    api.fetchCompliance(),
    api.fetchCoverage(),
    api.fetchVisits(from, today, 'day'),
    api.fetchVisits(from, today, 'occupation'),
    api.fetchVisitsToday(),
    fetchDirectives(),
    fetchReceivedDirectives(),
    fetchStats('membership'),
    fetchStats('wishes'),
    fetchStats('dispatch'),
    fetchWorkFigures(yearStart, today),
    fetchFundsAndLegalAid(yearStart, today),
  ]);
  state.codes = codes;
  state.coverage = coverage;
  renderStations(stations);
  renderCompliance(compliance);
  renderMapSection();
  renderChildren();
  renderVisits(byDay, byOccupation, visitsToday);
  renderDirectives(directives, received);
  renderWork(work);
  renderFundsAndLegalAid(fundsAndLegalAid);
  renderServiceStats('membership', membership);
  renderServiceStats('wishes', wishes);
  renderServiceStats('dispatch', dispatch);
  byId('updated-at').textContent = shanghaiClock();
  document.body.dataset.loaded = 'true';
}

async function main() {
  startClock();
  state.nodes = await api.fetchNodes();
  renderHeader(state.nodes);
  api.openLive(onLive, onLiveState);
  const [geo, labels] = await Promise.all([api.fetchGeo(), api.fetchEventLabels()]);
  state.labels = labels;
  state.map = geo && state.nodes ? registerNodeMap(geo, state.nodes.node) : null;
  await refresh();
  setInterval(refresh, REFRESH_MS);
}

main();
