/** What the stations service answers about a station (its directory row, snake_case: the read model's columns). */
export interface OpeningPeriod {
  day: number;
  open: string;
  close: string;
}

export interface StationService {
  service: string;
  schedule: { kind: 'weekly' | 'sessions'; slots?: Array<{ day: number; start: string; end: string }>; sessions?: Array<{ date: string; start: string; end: string }> };
}

export interface Station {
  id: string;
  district_code: string;
  name: string;
  kind: string;
  tier: string;
  host: string;
  street_code: string;
  community_code: string | null;
  address: string;
  lng: number;
  lat: number;
  hours: { open24h: boolean; weekly?: OpeningPeriod[] };
  open24h: boolean;
  seats: number | null;
  contact_phone: string | null;
  status: StationStatus;
  status_reason: string | null;
  suspended_until: string | null;
  facilities: string[];
  services: StationService[];
  stars: number | null;
  notice: StationNotice | null;
  registered_at: string;
  updated_at: string;
  version: number;
}

/** The public notice (公示) as the directory shows it: the manager's name from the node's vault. */
export interface StationNotice {
  hotline: string | null;
  pledge: string | null;
  services: string | null;
  hours: string | null;
  managerName: string | null;
}

export type StationStatus = 'active' | 'suspended' | 'closed';

export const STATION_STATUS: Record<StationStatus, { label: string; tag: 'success' | 'warning' | 'info' }> = {
  active: { label: '开放中', tag: 'success' },
  suspended: { label: '暂停服务', tag: 'warning' },
  closed: { label: '已关闭', tag: 'info' },
};

/** libs/contracts STANDARD_CODES with their Chinese names. */
export const STANDARDS: Array<{ code: string; label: string }> = [
  { code: 'liu_you', label: '六有' },
  { code: 'ba_you', label: '八有' },
  { code: 'six_plus_x', label: '6+X' },
  { code: 'nine_plus_x', label: '9+X' },
  { code: 'ten_plus_x', label: '10+X' },
];

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** Opening hours as people read them: 24 小时, or each day's periods. */
export function describeHours(hours: Station['hours'] | undefined): string {
  if (!hours) return '—';
  if (hours.open24h) return '24 小时开放';
  const periods = hours.weekly ?? [];
  if (periods.length === 0) return '未设置';
  const byTime = new Map<string, number[]>();
  for (const p of periods) byTime.set(`${p.open}–${p.close}`, [...(byTime.get(`${p.open}–${p.close}`) ?? []), p.day]);
  return [...byTime].map(([time, days]) => `${days.length === 7 ? '每天' : days.map((d) => WEEKDAYS[d - 1]).join('、')} ${time}`).join('；');
}

/** Today in Beijing as YYYY-MM-DD (the services count visits by the Beijing day). */
export const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
