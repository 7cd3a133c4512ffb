// What the live feed (SSE, one snapshot per message) moves: today's visits and events, the
// latest events, the per-child (or, at a district, per-service) breakdown, today's hours.
import * as charts from './charts.js';
import { escapeHtml, formatNumber, shanghaiClock } from './format.js';
import { byId, setTile, state } from './page.js';
import { renderChildren } from './section-children.js';

const FEED_ROWS = 14;
/** The newest event already on the page: only rows after it light up (a snapshot redraws the list). */
let shownSeq = 0;

function renderFeed(latest) {
  const previous = shownSeq;
  shownSeq = latest[0]?.seq ?? shownSeq;
  byId('feed').innerHTML = latest.length
    ? latest
        .slice(0, FEED_ROWS)
        .map(
          (e) => `<li data-seq="${escapeHtml(e.seq)}"${previous && e.seq > previous ? ' class="new"' : ''}><time>${shanghaiClock(e.occurredAt)}</time><span class="tag">${escapeHtml(e.contextLabel)}</span>` +
            `<b>${escapeHtml(e.nodeName)}</b><span>${escapeHtml(e.label)}${e.visits !== undefined ? ` ×${e.visits}` : ''}</span></li>`,
        )
        .join('')
    : '<li class="empty">今日暂无事件</li>';
}

export function onLive(snapshot) {
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

export function onLiveState(connection) {
  const element = byId('live-state');
  const labels = { open: '实时', reconnecting: '实时连接重连中', closed: '实时连接已断开', 'stream-down': '事件流中断' };
  const effective = connection === 'open' && state.live && !state.live.streamConnected ? 'stream-down' : connection;
  element.dataset.state = effective;
  element.querySelector('span').textContent = labels[effective] ?? effective;
}
