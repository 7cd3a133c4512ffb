// Number and time formats, and the names of the node levels (the front's own codes). The names
// of the stations service's codes (tiers, kinds, statuses, occupations, facilities) come from its
// GET /labels (page.js `codeName`); a code without a name is shown as it is, so a new tier or
// facility never hides data.

export const LEVEL_NAMES = { province: '省级', city: '市级', district: '区县级' };

export function nameOf(names, code) {
  if (code === null || code === undefined || code === '') return '未知';
  return names[code] ?? String(code);
}

export function formatNumber(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('zh-CN') : '—';
}

/** An amount in fen (integers, as the services count money) for people: 万元 from 10 000 元 up, else 元. */
export function formatFen(fen) {
  if (typeof fen !== 'number' || !Number.isFinite(fen)) return '—';
  const yuan = fen / 100;
  return Math.abs(yuan) >= 10_000
    ? `${(yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万元`
    : `${yuan.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元`;
}

export function formatPercent(rate) {
  return typeof rate === 'number' && Number.isFinite(rate) ? `${(rate * 100).toFixed(1)}%` : '—';
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** YYYY-MM-DD in Asia/Shanghai, `offsetDays` from today. */
export function shanghaiDate(offsetDays = 0, now = Date.now()) {
  return new Date(now + SHANGHAI_OFFSET_MS + offsetDays * 86400 * 1000).toISOString().slice(0, 10);
}

export function shanghaiClock(iso) {
  const at = iso ? new Date(iso) : new Date();
  if (Number.isNaN(at.getTime())) return '—';
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 19);
}

export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
