import { call, inBatches } from './demo-data';

/** A station as the notice is written for it: its tier and its hours as registered. */
export interface NoticeStation {
  id: string;
  tier: string;
  hours: { open24h: true } | { open24h: false; weekly: Array<{ day: number; open: string; close: string }> };
}

/** Two stations in three post their notice (公示) in the demo; the rest have not yet, as in life. */
const POSTED = (index: number) => index % 3 !== 2;
/** The cities' area codes, for the stations' landlines (浙江's eleven cities, GB/T 2260 → 区号). */
const AREA_CODES: Record<string, string> = {
  '3301': '0571', '3302': '0574', '3303': '0577', '3304': '0573', '3305': '0572', '3306': '0575', '3307': '0579', '3308': '0570', '3309': '0580', '3310': '0576', '3311': '0578',
};
const MANAGERS = ['王丽', '陈建军', '李娜', '张伟', '刘芳', '周敏', '吴强', '徐静', '孙涛', '胡晓燕'];
const SERVICES: Record<string, string> = {
  district_hub: '休息、饮水、热饭、充电、如厕、应急药箱；法律咨询、职业培训、健康义诊、心理疏导',
  street: '休息、饮水、热饭、充电、如厕、应急药箱；法律咨询、爱心托班',
  community: '休息、饮水、热饭、充电、如厕、应急药箱',
  convenience: '休息、饮水、充电、如厕',
};
const PARTNERS = [
  { kind: 'traffic_police', name: '区交警大队' },
  { kind: 'insurance', name: '人保财险新就业形态保障服务点' },
  { kind: 'platform_company', name: '外卖平台区域站点' },
  { kind: 'charity', name: '区志愿者协会' },
  { kind: 'court', name: '区人民法院共享法庭' },
];

/** The notice the demo posts at a station (null: not posted), the same on every run: its pledge, services, hours, manager, hotline and partners. */
export function demoNotice(station: NoticeStation, index: number, districtCode: string) {
  if (!POSTED(index)) return null;
  const hours = station.hours.open24h ? '全天24小时开放' : `每天 ${station.hours.weekly[0]!.open}–${station.hours.weekly[0]!.close}`;
  const local = `8${String((Number(districtCode.replace(/\D/g, '')) * 1000 + index) % 10_000_000).padStart(7, '0')}`;
  const hotline = index % 4 === 0 ? '12351' : `${AREA_CODES[districtCode.slice(0, 4)] ?? '0571'}-${local}`;
  const partners = station.tier === 'convenience' ? [] : PARTNERS.filter((_, i) => (index + i) % (station.tier === 'district_hub' ? 1 : 2) === 0);
  return {
    pledge: '热情接待、免费开放、文明使用、共同维护',
    services: SERVICES[station.tier] ?? SERVICES['community']!,
    hours,
    managerName: MANAGERS[index % MANAGERS.length],
    hotline,
    partners,
  };
}

/**
 * Posts the notices of the district's stations (one request each, after ready: loadHistory), but
 * not at the stations `alreadyPosted` (an earlier start's); answers how many were posted now.
 */
export async function publishDemoNotices(stationsApi: string, token: string, districtCode: string, stations: NoticeStation[], alreadyPosted: ReadonlySet<string> = new Set()): Promise<number> {
  const posted = stations.map((station, i) => ({ station, notice: demoNotice(station, i, districtCode) })).filter((s) => s.notice !== null && !alreadyPosted.has(s.station.id));
  await inBatches(posted, 4, ({ station, notice }) => call(stationsApi, `/stations/${station.id}/notice`, token, notice));
  return posted.length;
}
