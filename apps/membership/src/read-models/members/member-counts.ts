import { sql, Transaction } from 'kysely';
import type { MembersTable, MembershipDatabase } from '../../db/database';

/** What members are counted by: a dashboard sums these rows instead of scanning every member. */
export type CountedMember = Pick<MembersTable, 'node_code' | 'union_id' | 'occupation' | 'street_code' | 'status'> & { joined_month: string };

export interface CountDelta extends CountedMember {
  delta: number;
}

const keyOf = (m: CountedMember) => [m.node_code, m.union_id, m.occupation, m.street_code ?? '', m.joined_month, m.status].join('|');

/**
 * The change to the counts when a batch turns `before` (the rows as loaded) into `after` (the
 * rows as saved): each changed row leaves its old group and joins its new one. Net zero changes
 * are dropped.
 */
export function countDeltas(before: ReadonlyMap<string, CountedMember>, after: ReadonlyArray<CountedMember & { membership_id: string }>): CountDelta[] {
  const deltas = new Map<string, CountDelta>();
  const add = (member: CountedMember, delta: number) => {
    const key = keyOf(member);
    const current = deltas.get(key);
    if (current) current.delta += delta;
    else deltas.set(key, { node_code: member.node_code, union_id: member.union_id, occupation: member.occupation, street_code: member.street_code, joined_month: member.joined_month, status: member.status, delta });
  };
  for (const row of after) {
    const old = before.get(row.membership_id);
    if (old) add(old, -1);
    add(row, 1);
  }
  return [...deltas.values()].filter((d) => d.delta !== 0);
}

export async function applyCountDeltas(trx: Transaction<MembershipDatabase>, deltas: CountDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const column = <K extends keyof CountDelta>(key: K) => deltas.map((d) => d[key]);
  await sql`
    insert into member_counts (node_code, union_id, occupation, street_code, joined_month, status, members)
    select * from unnest(${column('node_code')}::text[], ${column('union_id')}::uuid[], ${column('occupation')}::text[],
                         ${column('street_code')}::text[], ${column('joined_month')}::date[], ${column('status')}::text[], ${column('delta')}::int[])
    on conflict (node_code, union_id, occupation, street_code, joined_month, status)
    do update set members = member_counts.members + excluded.members`.execute(trx);
  if (deltas.some((d) => d.delta < 0)) await sql`delete from member_counts where members = 0`.execute(trx);
}
