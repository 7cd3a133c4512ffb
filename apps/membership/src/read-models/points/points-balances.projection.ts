import { Inject, Injectable } from '@nestjs/common';
import { Transaction, sql } from 'kysely';
import { MEMBERSHIP_AGGREGATES, MEMBERSHIP_CONTEXT, nodeCodeOfSubject, PointsEvent, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, type PlatformConfig, ReadModel } from '@ws/platform';
import { firstSeen, type Projection } from '@ws/projections';
import type { MembershipDatabase } from '../../db/database';

/**
 * Points balances: a batch's credits and debits summed per member, written as one upsert; and
 * the same summed per node where the events were recorded (points_totals), the outstanding
 * points of a subtree without a scan. A balance carried to another node is debited at the source
 * and credited at the target, so it moves between the nodes' totals with the member.
 */
@ReadModel()
@Injectable()
export class PointsBalancesProjection implements Projection<MembershipDatabase> {
  readonly name = 'membership.points-balances';
  readonly tables = ['points_balances', 'points_totals'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, MEMBERSHIP_CONTEXT, MEMBERSHIP_AGGREGATES.points);
  }

  async apply(trx: Transaction<MembershipDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    const sums = new Map<string, { credited: number; debited: number; at: string }>();
    const perNode = new Map<string, { credited: number; debited: number }>();
    // A sum: an event republished after the stream's duplicate window counts once.
    for (const { subject, envelope } of await firstSeen(trx, this.name, events)) {
      const event = { type: envelope.type, data: envelope.data } as PointsEvent;
      const sum = sums.get(event.data.membershipId) ?? { credited: 0, debited: 0, at: envelope.occurredAt };
      const node = nodeCodeOfSubject(subject);
      const nodeSum = perNode.get(node) ?? { credited: 0, debited: 0 };
      const credited = event.type === 'PointsCredited' ? event.data.points : 0;
      sum.credited += credited;
      sum.debited += event.data.points - credited;
      nodeSum.credited += credited;
      nodeSum.debited += event.data.points - credited;
      sum.at = envelope.occurredAt;
      sums.set(event.data.membershipId, sum);
      perNode.set(node, nodeSum);
    }
    if (sums.size === 0) return;
    const nodes = [...perNode];
    await sql`
      insert into points_totals (node_code, balance, credited, debited)
      select node, c - d, c, d from unnest(${nodes.map(([node]) => node)}::text[], ${nodes.map(([, s]) => s.credited)}::bigint[],
                                           ${nodes.map(([, s]) => s.debited)}::bigint[]) as x(node, c, d)
      on conflict (node_code) do update set
        balance = points_totals.balance + excluded.balance,
        credited = points_totals.credited + excluded.credited,
        debited = points_totals.debited + excluded.debited`.execute(trx);
    const rows = [...sums];
    await sql`
      insert into points_balances (membership_id, balance, credited, debited, updated_at)
      select id, c - d, c, d, at from unnest(
        ${rows.map(([id]) => id)}::uuid[], ${rows.map(([, s]) => s.credited)}::int[], ${rows.map(([, s]) => s.debited)}::int[],
        ${rows.map(([, s]) => s.at)}::timestamptz[]) as x(id, c, d, at)
      on conflict (membership_id) do update set
        balance = points_balances.balance + excluded.balance,
        credited = points_balances.credited + excluded.credited,
        debited = points_balances.debited + excluded.debited,
        updated_at = excluded.updated_at`.execute(trx);
  }
}
