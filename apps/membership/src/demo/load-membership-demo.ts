import { divisionName, nodeRef, parentCode, type MemberOccupation } from '@ws/contracts';
import { derivedId } from '@ws/kernel';
import { requestJson } from '@ws/platform';
import { syntheticPerson } from './synthetic-people';

/**
 * Demo data in proportion to the seeds (Zhejiang union newspaper pages, /work/shared/seeds):
 * 柯城 "全区已建新业态联合工会17家，吸纳会员8700余名"; 吴兴 "新业态工会组织86家，其中单建工会65家，
 * 联合工会21家，工会会员实名入库11961人". Everything goes through the HTTP API — union by union, a
 * fair's bulk applications, then bulk approvals — so the events, read models and figures are
 * real. Idempotent: union ids derive from the node, people already members or applicants are
 * answered as such, and a run cut short is finished by the next one.
 *
 * The union tree spans the nodes: a district's federation (区总工会) names the city's (市总工会)
 * as its parent, and `loadFederationDemo` creates that one on the city node (and the province's
 * above it); their ids derive from the node codes, so either may run first.
 */
export interface SeedProfile {
  jointUnions: number;
  /** 单建工会 of companies (enterprise unions). */
  enterpriseUnions: number;
  members: number;
}

export const SEED_PROFILES = {
  /** 柯城区 (330802) */
  kecheng: { jointUnions: 17, enterpriseUnions: 0, members: 8_700 },
  /** 吴兴区 (330502) */
  wuxing: { jointUnions: 21, enterpriseUnions: 65, members: 11_961 },
} as const satisfies Record<string, SeedProfile>;

/** Kept for callers that scale by the 柯城 figures. */
export const SEED_JOINT_UNIONS = SEED_PROFILES.kecheng.jointUnions;
export const SEED_MEMBERS = SEED_PROFILES.kecheng.members;

/** Share of applications left waiting, so the review queue has something in it. */
const PENDING_SHARE = 0.03;
const BATCH = 500;
const DEMO_NAMESPACE = '0190f000-0000-7000-8000-00000000d3e0';
/** Union counts reach the seeds' from this factor up, so a small demo still shows the whole union tree. */
const FULL_TREE_FACTOR = 0.1;

const JOINT_UNIONS: Array<{ name: string; occupations: MemberOccupation[]; weight: number }> = [
  { name: '外卖配送行业联合工会', occupations: ['rider'], weight: 6 },
  { name: '快递行业联合工会', occupations: ['courier'], weight: 5 },
  { name: '网约车行业联合工会', occupations: ['ride_hail_driver'], weight: 3 },
  { name: '货车司机联合工会', occupations: ['truck_driver'], weight: 2 },
  { name: '环卫工人联合工会', occupations: ['sanitation'], weight: 2 },
  { name: '即时配送联合工会', occupations: ['rider', 'courier'], weight: 2 },
  { name: '出租汽车行业联合工会', occupations: ['taxi_driver'], weight: 1 },
  { name: '家政服务业联合工会', occupations: ['domestic_worker', 'care_worker'], weight: 1 },
];
const ENTERPRISES = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '京东物流', '美团配送站', '饿了么配送站', '货拉拉', '滴滴出行', '城市环境服务公司'];
const ENTERPRISE_OCCUPATIONS: MemberOccupation[] = ['courier', 'courier', 'courier', 'courier', 'courier', 'rider', 'rider', 'truck_driver', 'ride_hail_driver', 'sanitation'];
/** Street codes below the district's, named after 柯城's seven streets (a demo's, not the district's real ones). */
const STREETS = [
  { code: '001', name: '府山' },
  { code: '002', name: '荷花' },
  { code: '003', name: '花园' },
  { code: '004', name: '信安' },
  { code: '005', name: '双港' },
  { code: '006', name: '白云' },
  { code: '007', name: '衢化' },
];
const EMPLOYERS = ['美团', '饿了么', '顺丰', '中通', '滴滴', '货拉拉', '城管环卫'];

export interface MembershipDemoOptions {
  /** The membership service of one district node, e.g. http://127.0.0.1:4102 */
  baseUrl: string;
  /** A district_officer token of that node. */
  token: string;
  nodeCode: string;
  /** 1 = the seed figures (8 700 members for 柯城); 0.1 = 870 … */
  factor?: number;
  /** Which seed district to imitate; 柯城 by default. */
  profile?: SeedProfile;
  /** First synthetic person index, so two nodes do not enrol the same made-up people. */
  personOffset?: number;
  log?: (message: string) => void;
}

export interface MembershipDemoResult {
  unions: number;
  applied: number;
  approved: number;
  pending: number;
}

interface DemoUnion {
  unionId: string;
  name: string;
  kind: 'street' | 'joint' | 'enterprise';
  occupations: MemberOccupation[];
  weight: number;
  parentUnionId: string;
  streetCode: string | null;
}

type Call = (path: string, body: unknown) => Promise<{ status: number; body: any }>;

/** The id of a node's demo federation (总工会), the same wherever it is computed. */
export function demoFederationId(nodeCode: string): string {
  return derivedId(DEMO_NAMESPACE, `${nodeCode}:federation`);
}

/** A district's unions and members in proportion to a seed district's. */
export async function loadMembershipDemo(options: MembershipDemoOptions): Promise<MembershipDemoResult> {
  const factor = options.factor ?? 1;
  const profile = options.profile ?? SEED_PROFILES.kecheng;
  const log = options.log ?? (() => undefined);
  const call = caller(options.baseUrl, options.token);
  const code = options.nodeCode;

  const federation = demoFederationId(code);
  const above = parentCode(code);
  await ensureUnion(call, {
    unionId: federation,
    name: `${divisionName(code) ?? code}总工会`,
    kind: 'federation',
    occupations: [],
    ...(above ? { parentUnionId: demoFederationId(above), parentNodeCode: above } : {}),
  });
  const unions = demoUnions(code, federation, profile, factor);
  for (const union of unions) {
    const { weight: _weight, streetCode, ...body } = union;
    await ensureUnion(call, { ...body, ...(streetCode ? { streetCode } : {}) });
  }
  log(`membership demo: ${unions.length + 1} unions`);

  const withMembers = unions.filter((u) => u.weight > 0);
  const items = demoApplications(withMembers, Math.round(profile.members * factor), options.personOffset ?? 0, code);
  const { applied, toApprove } = await applyAll(call, items);
  let approved = 0;
  for (let start = 0; start < toApprove.length; start += BATCH) {
    const { status, body } = await call('/applications/approvals', { applicationIds: toApprove.slice(start, start + BATCH) });
    if (status !== 200) throw new Error(`approvals failed: ${status} ${JSON.stringify(body)}`);
    approved += body.approved as number;
  }
  log(`membership demo: ${applied} applications, ${approved} approved`);
  return { unions: unions.length + 1, applied, approved, pending: applied - approved };
}

/** A city's or province's federation (市总工会 / 省总工会), under the one above it: the top of the union tree. */
export async function loadFederationDemo(options: Pick<MembershipDemoOptions, 'baseUrl' | 'token' | 'nodeCode'>): Promise<{ unionId: string }> {
  const code = options.nodeCode;
  if (nodeRef(code).level === 'district') throw new Error('loadFederationDemo is for a city or province node; a district uses loadMembershipDemo');
  const above = parentCode(code);
  const unionId = demoFederationId(code);
  await ensureUnion(caller(options.baseUrl, options.token), {
    unionId,
    name: `${divisionName(code) ?? code}总工会`,
    kind: 'federation',
    occupations: [],
    ...(above ? { parentUnionId: demoFederationId(above), parentNodeCode: above } : {}),
  });
  return { unionId };
}

/** Street unions under the federation, joint unions (with the seeds' count) and enterprise unions under their street's. */
function demoUnions(code: string, federation: string, profile: SeedProfile, factor: number): DemoUnion[] {
  const share = Math.min(1, factor / FULL_TREE_FACTOR);
  const id = (what: string) => derivedId(DEMO_NAMESPACE, `${code}:${what}`);
  const street = (i: number) => `${code}${STREETS[i % STREETS.length]!.code}`;
  const streets: DemoUnion[] = Array.from({ length: Math.max(1, Math.round(STREETS.length * share)) }, (_, i) => ({
    unionId: id(`street:${i}`),
    name: `${STREETS[i]!.name}街道工会`,
    kind: 'street',
    occupations: [],
    weight: 1,
    parentUnionId: federation,
    streetCode: street(i),
  }));
  const joint: DemoUnion[] = Array.from({ length: Math.max(1, Math.round(profile.jointUnions * share)) }, (_, i) => {
    const template = JOINT_UNIONS[i % JOINT_UNIONS.length]!;
    const round = Math.floor(i / JOINT_UNIONS.length);
    return {
      unionId: id(`joint:${i}`),
      name: round === 0 ? template.name : `${template.name}（第${round + 1}片区）`,
      kind: 'joint',
      occupations: template.occupations,
      weight: template.weight,
      parentUnionId: federation,
      streetCode: round === 0 ? null : street(i),
    };
  });
  const enterprise: DemoUnion[] = Array.from({ length: Math.round(profile.enterpriseUnions * share) }, (_, i) => {
    const parent = streets[i % streets.length]!;
    const round = Math.floor(i / ENTERPRISES.length);
    return {
      unionId: id(`enterprise:${i}`),
      name: `${ENTERPRISES[i % ENTERPRISES.length]}${STREETS[i % streets.length]!.name}${round === 0 ? '' : `第${round + 1}`}分部工会`,
      kind: 'enterprise',
      occupations: [ENTERPRISE_OCCUPATIONS[i % ENTERPRISE_OCCUPATIONS.length]!],
      weight: 1,
      parentUnionId: parent.unionId,
      streetCode: parent.streetCode,
    };
  });
  return [...streets, ...joint, ...enterprise];
}

/** `count` synthetic applicants spread over the unions by weight, each in the union's street or one of the node's. */
function demoApplications(unions: DemoUnion[], count: number, offset: number, code: string) {
  const totalWeight = unions.reduce((sum, u) => sum + u.weight, 0);
  const unionOf = (i: number) => {
    let point = (i * 7919) % totalWeight;
    for (const union of unions) {
      if (point < union.weight) return union;
      point -= union.weight;
    }
    return unions[0]!;
  };
  return Array.from({ length: count }, (_, i) => {
    const union = unionOf(i);
    return {
      ...syntheticPerson(offset + i),
      occupation: union.occupations.length > 0 ? union.occupations[i % union.occupations.length]! : 'other',
      employer: EMPLOYERS[i % EMPLOYERS.length]!,
      unionId: union.unionId,
      streetCode: union.streetCode ?? `${code}${STREETS[i % STREETS.length]!.code}`,
    };
  });
}

/**
 * Bulk applications, a fair's 500 at a time. What to approve: every application but the pending
 * share, including those a run cut short had already submitted (answered as existing, with their
 * id since the mobile matches).
 */
async function applyAll(call: Call, items: Array<Record<string, unknown>>): Promise<{ applied: number; toApprove: string[] }> {
  let applied = 0;
  const toApprove: string[] = [];
  const every = Math.round(1 / PENDING_SHARE);
  for (let start = 0; start < items.length; start += BATCH) {
    const { status, body } = await call('/applications/bulk', { items: items.slice(start, start + BATCH), channel: 'fair' });
    if (status !== 200) throw new Error(`bulk applications failed: ${status} ${JSON.stringify(body)}`);
    for (const result of body.results as Array<{ index: number; status: string; applicationId?: string }>) {
      if (result.status === 'accepted') applied += 1;
      const waiting = result.status === 'accepted' || (result.status === 'existing_application' && result.applicationId !== undefined);
      if (waiting && (start + result.index) % every !== 0) toApprove.push(result.applicationId!);
    }
  }
  return { applied, toApprove };
}

function caller(baseUrl: string, token: string): Call {
  return (path, body) => requestJson(baseUrl, 'POST', path, { token, body });
}

async function ensureUnion(call: Call, body: Record<string, unknown>): Promise<void> {
  const { status, body: answer } = await call('/unions', body);
  if (status !== 201 && answer?.code !== 'union_already_exists') throw new Error(`union ${String(body['name'])} not created: ${status} ${JSON.stringify(answer)}`);
}
