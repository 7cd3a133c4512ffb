import { shanghaiYear } from '@ws/contracts';
import type { OfficerTokenMinter, Role } from '@ws/kernel';
import { toIssueDirective, type IssueDirectiveDto } from './issue-directive/issue-directive.dto';

/**
 * The directives the demo federation's province and cities issue, from the seeds' figures:
 * - 浙江 (33): the 2024 民生实事 "改造提升服务站点1000家以上" (seed 004), as a target for this year;
 * - 衢州 (3308): 八有 for the whole city and 金华's wording "总量保持在…以上，全部符合'八有'标准"
 *   (seed 000) with 柯城's 90 stations (seed 002) as the figure — the seeds give 衢州 no target of its own;
 *   and 义乌's "今年以来…开展公益服务活动30余场次，覆盖户外劳动者1500余人" (seed 000) as this year's
 *   activity and reach targets; and 金华's "基本实现'15分钟服务圈'" (seed 000; 海盐's heat map
 *   "形成覆盖全县的'15分钟服务圈'", seed 003) as a coverage share of 90 % by the end of this year,
 *   measured on 衢州's own worker-density map per district;
 * - 浙江 also 宁波's "1.8万名职工…新就业形态劳动者…不少于总服务人次的20%" (seed 004) as this year's health checks;
 * - 嘉兴 (3304): 南湖's "每年评定星级惠工小站" (seed 004) as a city-wide review of last year's
 *   stations (the demo loader reviews last year), due by the end of this year.
 * Other nodes issue nothing.
 */
export function demoDirectives(nodeCode: string, now: Date): IssueDirectiveDto[] {
  const year = shanghaiYear(now);
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  switch (nodeCode) {
    case '33':
      return [
        { kind: 'upgrade_target', stations: 1000, deadline: yearEnd },
        { kind: 'health_check_target', people: 18_000, minNewFormSharePercent: 20, since: yearStart, deadline: yearEnd },
      ];
    case '3308':
      return [
        { kind: 'adopt_standard', standard: 'ba_you', deadline: yearEnd },
        { kind: 'station_target', stations: 90, standard: 'ba_you', deadline: yearEnd },
        { kind: 'activity_target', activities: 30, since: yearStart, deadline: yearEnd },
        { kind: 'reach_target', people: 1500, since: yearStart, deadline: yearEnd },
        { kind: 'coverage_target', sharePercent: 90, deadline: yearEnd },
      ];
    case '3304':
      return [{ kind: 'review_campaign', year: year - 1, deadline: yearEnd }];
    default:
      return [];
  }
}

async function call(method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<any> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The same goal whatever order its keys come in (jsonb keeps its own). */
function goalKey(goal: object): string {
  return JSON.stringify(Object.entries(goal).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function officerRole(nodeCode: string): Role {
  return nodeCode.length === 2 ? 'province_officer' : nodeCode.length === 4 ? 'city_officer' : 'district_officer';
}

/**
 * Issues the node's demo directives over HTTP as the node's officer (to `children` if given —
 * the nodes the demo runs —, else to the whole subtree). Idempotent: a directive whose goal the
 * node already issued and did not withdraw is not issued again. Returns the ids issued now.
 */
export async function issueDemoDirectives(stationsUrl: string, nodeCode: string, officerTokens: OfficerTokenMinter, children?: string[]): Promise<string[]> {
  const wanted = demoDirectives(nodeCode, new Date());
  if (wanted.length === 0) return [];
  const token = await officerTokens({ subject: 'demo-loader', role: officerRole(nodeCode), node: nodeCode });
  // The newest 200: the demo's few directives are among them.
  const { items } = await call('GET', `${stationsUrl}/directives?limit=200`, token);
  const standing = new Set((items as Array<{ goal: Record<string, unknown>; status: string }>).filter((i) => i.status !== 'withdrawn').map((i) => goalKey(i.goal)));
  const issued: string[] = [];
  for (const dto of wanted) {
    if (standing.has(goalKey(toIssueDirective('', nodeCode, dto).goal))) continue;
    const body = children && children.length > 0 ? { ...dto, children } : dto;
    issued.push((await call('POST', `${stationsUrl}/directives`, token, body)).directiveId);
  }
  return issued;
}

/** Acknowledges, as the node's officer, every directive the node has received and not yet acknowledged. Returns how many. */
export async function acknowledgeDemoDirectives(stationsUrl: string, nodeCode: string, officerTokens: OfficerTokenMinter): Promise<number> {
  const token = await officerTokens({ subject: 'demo-loader', role: officerRole(nodeCode), node: nodeCode });
  const { items } = await call('GET', `${stationsUrl}/directives/received`, token);
  const open = (items as Array<{ id: string; acknowledged: boolean; status: string }>).filter((i) => !i.acknowledged && i.status !== 'withdrawn');
  for (const item of open) await call('POST', `${stationsUrl}/directives/${item.id}/acknowledge`, token);
  return open.length;
}
