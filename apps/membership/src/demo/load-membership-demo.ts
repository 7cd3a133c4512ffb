import { derivedId } from '@ws/kernel';
import type { MemberOccupation } from '@ws/contracts';
import { syntheticPerson } from './synthetic-people';

/**
 * Demo data in proportion to the seeds: 柯城 has 17 new-form joint unions (新业态联合工会) with
 * 8 700 members (Zhejiang union newspaper, 2025). Everything goes through the HTTP API — a fair's
 * bulk applications, then bulk approvals — so the events, read models and points are real.
 * Idempotent: union ids derive from the node, and people already members are answered as such.
 */
export const SEED_JOINT_UNIONS = 17;
export const SEED_MEMBERS = 8_700;
/** Share of applications left waiting, so the review queue has something in it. */
const PENDING_SHARE = 0.03;
const BATCH = 500;
const DEMO_NAMESPACE = '0190f000-0000-7000-8000-00000000d3e0';

const JOINT_UNIONS: Array<{ name: string; occupations: MemberOccupation[]; weight: number }> = [
  { name: '外卖配送行业联合工会', occupations: ['rider'], weight: 6 },
  { name: '快递行业联合工会', occupations: ['courier'], weight: 5 },
  { name: '网约车行业联合工会', occupations: ['ride_hail_driver'], weight: 3 },
  { name: '货车司机联合工会', occupations: ['truck_driver'], weight: 2 },
  { name: '环卫工人联合工会', occupations: ['sanitation'], weight: 2 },
  { name: '即时配送联合工会', occupations: ['rider', 'courier'], weight: 2 },
];
const STREETS = ['001', '002', '003', '004', '005', '006', '007'];

export interface MembershipDemoOptions {
  /** The membership service of one node, e.g. http://127.0.0.1:4102 */
  baseUrl: string;
  /** A district_officer token of that node. */
  token: string;
  nodeCode: string;
  /** 1 = the seeds' 8 700 members; 0.1 = 870 … */
  factor?: number;
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

export async function loadMembershipDemo(options: MembershipDemoOptions): Promise<MembershipDemoResult> {
  const factor = options.factor ?? 1;
  const log = options.log ?? (() => undefined);
  const call = async (path: string, body: unknown): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${options.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  const id = (what: string) => derivedId(DEMO_NAMESPACE, `${options.nodeCode}:${what}`);
  const street = (i: number) => `${options.nodeCode}${STREETS[i % STREETS.length]}`;
  const federation = id('federation');
  await ensureUnion(call, { unionId: federation, name: '区总工会', kind: 'federation', occupations: [] });
  const unions = Array.from({ length: Math.max(1, Math.round(SEED_JOINT_UNIONS * Math.min(1, factor * 10))) }, (_, i) => {
    const template = JOINT_UNIONS[i % JOINT_UNIONS.length]!;
    const round = Math.floor(i / JOINT_UNIONS.length);
    return {
      unionId: id(`joint:${i}`),
      name: round === 0 ? template.name : `${template.name}（第${round + 1}片区）`,
      occupations: template.occupations,
      weight: template.weight,
      streetCode: round === 0 ? null : street(i),
    };
  });
  for (const union of unions) {
    await ensureUnion(call, {
      unionId: union.unionId,
      name: union.name,
      kind: 'joint',
      parentUnionId: federation,
      occupations: union.occupations,
      ...(union.streetCode ? { streetCode: union.streetCode } : {}),
    });
  }
  log(`membership demo: ${unions.length + 1} unions`);

  const members = Math.round(SEED_MEMBERS * factor);
  const totalWeight = unions.reduce((sum, u) => sum + u.weight, 0);
  const unionOf = (i: number) => {
    let point = (i * 7919) % totalWeight;
    for (const union of unions) {
      if (point < union.weight) return union;
      point -= union.weight;
    }
    return unions[0]!;
  };
  const offset = options.personOffset ?? 0;
  const items = Array.from({ length: members }, (_, i) => {
    const union = unionOf(i);
    return {
      ...syntheticPerson(offset + i),
      occupation: union.occupations[i % union.occupations.length]!,
      employer: ['美团', '饿了么', '顺丰', '中通', '滴滴', '货拉拉', '城管环卫'][i % 7]!,
      unionId: union.unionId,
      streetCode: street(i),
    };
  });

  let applied = 0;
  const toApprove: string[] = [];
  for (let start = 0; start < items.length; start += BATCH) {
    const { status, body } = await call('/applications/bulk', { items: items.slice(start, start + BATCH), channel: 'fair' });
    if (status !== 200) throw new Error(`bulk applications failed: ${status} ${JSON.stringify(body)}`);
    for (const result of body.results as Array<{ index: number; status: string; applicationId?: string }>) {
      if (result.status !== 'accepted') continue;
      applied += 1;
      if ((start + result.index) % Math.round(1 / PENDING_SHARE) !== 0) toApprove.push(result.applicationId!);
    }
  }
  let approved = 0;
  for (let start = 0; start < toApprove.length; start += BATCH) {
    const { status, body } = await call('/applications/approvals', { applicationIds: toApprove.slice(start, start + BATCH) });
    if (status !== 200) throw new Error(`approvals failed: ${status} ${JSON.stringify(body)}`);
    approved += body.approved as number;
  }
  log(`membership demo: ${applied} applications, ${approved} approved`);
  return { unions: unions.length + 1, applied, approved, pending: applied - approved };
}

async function ensureUnion(call: (path: string, body: unknown) => Promise<{ status: number; body: any }>, body: Record<string, unknown>) {
  const { status, body: answer } = await call('/unions', body);
  if (status !== 201 && answer?.code !== 'union_already_exists') throw new Error(`union ${String(body['name'])} not created: ${status} ${JSON.stringify(answer)}`);
}
