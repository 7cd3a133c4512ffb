// The dashboard page: reads this node's services through /api (api-client.js) and its live
// counters from /live, and draws the tiles, charts, map and drill-down.
import * as api from './api-client.js';
import * as charts from './charts.js';
import { escapeHtml, formatNumber, formatPercent, KIND_NAMES, LEVEL_NAMES, nameOf, shanghaiClock, shanghaiDate, STATUS_NAMES, TIER_NAMES, FACILITY_NAMES } from './format.js';
import { registerNodeMap, renderMap } from './map.js';

const REFRESH_MS = 60_000;
const FEED_ROWS = 14;

const state = {
  nodes: null,
  map: null,
  stations: null,
  coverage: null,
  live: null,
};

const byId = (id) => document.getElementById(id);

function setTile(name, text, value) {
  for (const element of document.querySelectorAll(`[data-tile="${name}"]`)) {
    element.textContent = text;
    if (value === undefined || value === null) delete element.dataset.value;
    else element.dataset.value = String(value);
  }
}

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

function renderStations(directory) {
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
function renderCompliance(compliance) {
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

function renderMapSection() {
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
  const summary = byId('coverage-summary');
  const coverage = state.coverage;
  summary.innerHTML = coverage
    ? `15分钟服务圈覆盖劳动者 <b data-tile="coverage-share">${formatPercent(coverage.share)}</b>` +
      (coverage.workers !== null ? `（${formatNumber(coverage.covered)} / ${formatNumber(coverage.workers)} 人）` : '') +
      ` · 覆盖空白 <b>${formatNumber(coverage.gaps.length)}</b> 处（红色波纹，建议选址）`
    : '<span class="muted">劳动者热力与覆盖：暂无数据</span>';
}

function renderChildren() {
  const list = byId('children');
  const node = state.nodes?.node;
  if (node?.level === 'district') {
    const stations = (state.stations?.items ?? []).slice().sort((a, b) => (b.stars ?? 0) - (a.stars ?? 0)).slice(0, 8);
    list.previousElementSibling.textContent = '驿站列表';
    list.innerHTML = stations.length
      ? stations
          .map((s) => `<li><button type="button" data-station="${escapeHtml(s.id)}">${escapeHtml(s.name)}</button><span>${nameOf(TIER_NAMES, s.tier)} · ${s.stars ? '★'.repeat(s.stars) : '未评星'}</span></li>`)
          .join('')
      : '<li class="empty">暂无数据</li>';
    for (const button of list.querySelectorAll('button[data-station]')) button.addEventListener('click', () => showStation(button.dataset.station));
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

async function showStation(id) {
  const card = byId('station-card');
  const fromDirectory = state.stations?.items.find((s) => s.id === id);
  const draw = (station) => {
    if (!station) return;
    card.hidden = false;
    card.innerHTML = `
      <button type="button" class="close" aria-label="关闭">×</button>
      <h4>${escapeHtml(station.name)}</h4>
      <dl>
        <dt>层级</dt><dd>${nameOf(TIER_NAMES, station.tier)}</dd>
        <dt>类型</dt><dd>${nameOf(KIND_NAMES, station.kind)}</dd>
        <dt>状态</dt><dd>${nameOf(STATUS_NAMES, station.status)}${station.open24h ? ' · 24小时' : ''}</dd>
        <dt>星级</dt><dd>${station.stars ? '★'.repeat(station.stars) : '未评定'}</dd>
        ${station.address ? `<dt>地址</dt><dd>${escapeHtml(station.address)}</dd>` : ''}
        ${station.facilities.length ? `<dt>设施</dt><dd>${station.facilities.map((f) => escapeHtml(nameOf(FACILITY_NAMES, f))).join('、')}</dd>` : ''}
      </dl>`;
    card.querySelector('.close').addEventListener('click', () => {
      card.hidden = true;
    });
  };
  draw(fromDirectory);
  const detail = await api.fetchStation(id);
  if (detail) draw({ ...fromDirectory, ...detail });
}

function lastDays(count) {
  return Array.from({ length: count }, (_, index) => shanghaiDate(index - count + 1));
}

function renderVisits(byDay, byOccupation, today) {
  if (byDay) {
    const visits = new Map(byDay.map((row) => [row.key, row.visits]));
    const rows = lastDays(30).map((day) => ({ key: day, visits: visits.get(day) ?? 0 }));
    const total = byDay.reduce((sum, row) => sum + row.visits, 0);
    setTile('visits-30d', `合计 ${formatNumber(total)}`, total);
    charts.showChart('chart-visits-day', charts.visitsByDayOption(rows));
  } else {
    setTile('visits-30d', '');
    charts.showEmpty('chart-visits-day');
  }
  if (byOccupation && byOccupation.length > 0) charts.showChart('chart-occupation', charts.occupationOption(byOccupation));
  else charts.showEmpty('chart-occupation');
  if (!state.live) {
    // Until the live feed answers, today's figures come from the read model.
    if (today) {
      setTile('visits-today', formatNumber(today.total), today.total);
      const hours = new Array(24).fill(0);
      for (const row of today.byHour) if (Number(row.key) >= 0 && Number(row.key) < 24) hours[Number(row.key)] = row.visits;
      charts.showChart('chart-visits-hour', charts.visitsByHourOption(hours));
    } else {
      charts.showEmpty('chart-visits-hour');
    }
  }
}

function renderDirectives(directives) {
  const element = byId('directives');
  element.innerHTML = directives
    ? `<ul class="progress">${directives
        .map(
          (d) => `<li><div><b>${escapeHtml(d.title)}</b><span>${d.target !== null ? `${formatNumber(d.current)} / ${formatNumber(d.target)}` : ''}${d.deadline ? ` · 截止 ${escapeHtml(String(d.deadline).slice(0, 10))}` : ''}</span></div>
          <meter min="0" max="1" value="${Math.min(1, Math.max(0, d.progress))}"></meter><em>${formatPercent(d.progress)}</em></li>`,
        )
        .join('')}</ul>`
    : '<div class="empty">暂无数据<small>上级下达指令后在此显示目标与进度</small></div>';
}

function renderFigures(id, figures) {
  byId(id).innerHTML = figures
    ? `<dl class="numbers">${figures.map((f) => `<div><dt>${escapeHtml(f.label)}</dt><dd>${formatNumber(f.value)}</dd></div>`).join('')}</dl>`
    : '<div class="empty">暂无数据</div>';
}

function renderFeed(latest) {
  const feed = byId('feed');
  feed.innerHTML = latest.length
    ? latest
        .slice(0, FEED_ROWS)
        .map(
          (e) => `<li data-seq="${e.seq}"><time>${shanghaiClock(e.occurredAt)}</time><span class="tag">${escapeHtml(e.contextLabel)}</span>` +
            `<b>${escapeHtml(e.nodeName)}</b><span>${escapeHtml(e.label)}${e.visits !== undefined ? ` ×${e.visits}` : ''}</span></li>`,
        )
        .join('')
    : '<li class="empty">今日暂无事件</li>';
}

function onLive(snapshot) {
  state.live = snapshot;
  setTile('visits-today', formatNumber(snapshot.todayVisits), snapshot.todayVisits);
  setTile('events-today', formatNumber(snapshot.todayEvents), snapshot.todayEvents);
  const latest = snapshot.latest[0];
  if (latest) {
    setTile('latest-event', `${latest.label}${latest.visits !== undefined ? ` ×${latest.visits}` : ''}`);
    setTile('latest-event-meta', `${latest.nodeName} · ${shanghaiClock(latest.occurredAt)}`);
  }
  renderFeed(snapshot.latest);
  if (snapshot.node.level === 'district') {
    if (snapshot.contexts.length > 0) charts.showChart('chart-children', charts.contextsOption(snapshot.contexts));
    else charts.showEmpty('chart-children', '今日暂无事件');
  } else {
    const children = snapshot.children.filter((c) => c.events > 0);
    if (children.length > 0) charts.showChart('chart-children', charts.childrenOption(children));
    else charts.showEmpty('chart-children', '今日暂无事件');
  }
  charts.showChart('chart-visits-hour', charts.visitsByHourOption(snapshot.visitsByHour));
  onLiveState(snapshot.streamConnected ? 'open' : 'stream-down');
  renderChildren();
}

function onLiveState(connection) {
  const element = byId('live-state');
  const labels = { open: '实时', reconnecting: '实时连接重连中', closed: '实时连接已断开', 'stream-down': '事件流中断' };
  const effective = connection === 'open' && state.live && !state.live.streamConnected ? 'stream-down' : connection;
  element.dataset.state = effective;
  element.querySelector('span').textContent = labels[effective] ?? effective;
}

async function refresh() {
  const today = shanghaiDate(0);
  const from = shanghaiDate(-29);
  const [stations, compliance, coverage, byDay, byOccupation, visitsToday, directives, membership, wishes, dispatch] = await Promise.all([
    api.fetchAllStations(),
    api.fetchCompliance(),
    api.fetchCoverage(),
    api.fetchVisits(from, today, 'day'),
    api.fetchVisits(from, today, 'occupation'),
    api.fetchVisitsToday(),
    api.fetchDirectives(),
    api.fetchFigures('membership'),
    api.fetchFigures('wishes'),
    api.fetchFigures('dispatch'),
  ]);
  state.coverage = coverage;
  renderStations(stations);
  renderCompliance(compliance);
  renderMapSection();
  renderChildren();
  renderVisits(byDay, byOccupation, visitsToday);
  renderDirectives(directives);
  renderFigures('figures-membership', membership);
  renderFigures('figures-wishes', wishes);
  renderFigures('figures-dispatch', dispatch);
  byId('updated-at').textContent = shanghaiClock();
  document.body.dataset.loaded = 'true';
}

async function main() {
  startClock();
  state.nodes = await api.fetchNodes();
  renderHeader(state.nodes);
  api.openLive(onLive, onLiveState);
  const geo = await api.fetchGeo();
  state.map = geo && state.nodes ? registerNodeMap(geo, state.nodes.node) : null;
  await refresh();
  setInterval(refresh, REFRESH_MS);
}

main();
