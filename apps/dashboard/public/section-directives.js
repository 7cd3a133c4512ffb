// 指令与目标任务: each directive this node issued, its progress against the target with the
// deadline (the marker is how much of the time has gone: a bar behind it is behind schedule),
// and which children have acknowledged it; below, the directives received from above.
import { escapeHtml, formatNumber, formatPercent, shanghaiDate } from './format.js';
import { byId } from './page.js';

const STATUS = {
  open: ['进行中', 'open'],
  met: ['已完成', 'met'],
  overdue: ['已逾期', 'overdue'],
  withdrawn: ['已撤回', 'withdrawn'],
};
const DAY_MS = 86_400_000;

/** Share of the time from issue to the end of the deadline day that has passed (0..1). */
function elapsedShare(issuedAt, deadline) {
  const start = Date.parse(issuedAt ?? '');
  const end = Date.parse(`${deadline}T23:59:59+08:00`);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return null;
  return Math.min(1, Math.max(0, (Date.now() - start) / (end - start)));
}

function daysLeft(deadline) {
  const days = Math.ceil((Date.parse(`${deadline}T23:59:59+08:00`) - Date.now()) / DAY_MS);
  return Number.isFinite(days) ? days : null;
}

function childChip(child) {
  const figure = child.target !== null ? `${formatNumber(child.current)}/${formatNumber(child.target)}` : child.current !== null ? `完成 ${formatNumber(child.current)}` : '';
  return `<li class="${child.acknowledged ? 'ack' : 'pending'}" data-child-ack="${escapeHtml(child.code)}" data-value="${escapeHtml(child.acknowledged)}" title="${child.acknowledged ? '已签收' : '未签收'}">` +
    `${child.acknowledged ? '✓' : '○'} ${escapeHtml(child.name)} ${child.acknowledged ? '已签收' : '未签收'}${figure ? `<small>${figure}</small>` : ''}</li>`;
}

function directiveItem(d) {
  const [statusText, statusClass] = STATUS[d.status] ?? [d.status, 'open'];
  const elapsed = d.status === 'open' ? elapsedShare(d.issuedAt, d.deadline) : null;
  const left = d.deadline ? daysLeft(d.deadline) : null;
  const deadline = d.deadline ? `截止 ${escapeHtml(d.deadline)}${d.status === 'open' && left !== null ? `（剩 ${escapeHtml(left)} 天）` : ''}` : '';
  const figure = d.target !== null ? `${formatNumber(d.current)} / ${formatNumber(d.target)}` : '';
  const acks = d.expected !== null ? `签收 <b>${formatNumber(d.acknowledged)}</b> / ${formatNumber(d.expected)}` : '';
  return `<li class="directive" data-directive="${escapeHtml(d.id)}">
    <div class="directive-head"><b>${escapeHtml(d.title)}</b><span class="status status-${escapeHtml(statusClass)}">${escapeHtml(statusText)}</span></div>
    <div class="track" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${escapeHtml(Math.round(d.progress * 100))}">
      <i class="fill fill-${escapeHtml(statusClass)}" style="width:${escapeHtml((Number(d.progress) * 100).toFixed(1))}%"></i>
      ${elapsed !== null ? `<i class="today" style="left:${(elapsed * 100).toFixed(1)}%" title="时间进度 ${formatPercent(elapsed)}"></i>` : ''}
    </div>
    <div class="directive-meta"><em data-directive-progress="${escapeHtml(d.id)}" data-value="${escapeHtml(d.progress)}">${formatPercent(d.progress)}</em><span>${figure}</span><span>${deadline}</span><span>${acks}</span></div>
    ${d.children.length ? `<ul class="acks">${d.children.map(childChip).join('')}</ul>` : ''}
  </li>`;
}

/** One directive from above: who sent it, its deadline, and whether this node has signed it. */
function receivedItem(d) {
  const [statusText, statusClass] = STATUS[d.status] ?? [d.status, 'open'];
  return `<li class="${d.acknowledged ? 'ack' : 'pending'}" data-received="${escapeHtml(d.id)}" data-value="${escapeHtml(d.acknowledged)}">` +
    `<b>${escapeHtml(d.title)}</b><span>${escapeHtml(d.issuerName)}下达${d.deadline ? ` · 截止 ${escapeHtml(d.deadline)}` : ''}</span>` +
    `<span class="status status-${escapeHtml(statusClass)}">${escapeHtml(statusText)}</span><span>${d.acknowledged ? '✓ 已签收' : '○ 未签收'}</span></li>`;
}

export function renderDirectives(directives, received) {
  const element = byId('directives');
  if (!directives && !received) {
    element.innerHTML = '<div class="empty">暂无数据</div>';
    return;
  }
  const shown = (directives ?? []).filter((d) => d.status !== 'withdrawn');
  const fromAbove = (received ?? []).filter((d) => d.status !== 'withdrawn');
  const issued = shown.length
    ? `<ul class="directives">${shown.map(directiveItem).join('')}</ul>`
    : fromAbove.length
      ? ''
      : '<div class="empty">本级暂未下达指令<small>下达后在此显示目标、期限与各下级签收</small></div>';
  const above = fromAbove.length ? `<h4 class="received-title">上级下达</h4><ul class="received">${fromAbove.map(receivedItem).join('')}</ul>` : '';
  element.innerHTML = issued + above;
  byId('directives-asof').textContent = shown.length || fromAbove.length ? `截至 ${shanghaiDate()}` : '';
}
