import { Inject, Injectable } from '@nestjs/common';
import { Transaction, sql } from 'kysely';
import { MEMBERSHIP_AGGREGATES, MEMBERSHIP_CONTEXT, PointsEvent, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, type PlatformConfig, ReadModel } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { MembershipDatabase } from '../../db/database';

/** Points balances: a batch's credits and debits summed per member, written as one upsert. */
@ReadModel()
@Injectable()
export class PointsBalancesProjection implements Projection<MembershipDatabase> {
  readonly name = 'membership.points-balances';
  readonly tables = ['points_balances'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, MEMBERSHIP_CONTEXT, MEMBERSHIP_AGGREGATES.points);
  }

  async apply(trx: Transaction<MembershipDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    const sums = new Map<string, { credited: number; debited: number; at: string }>();
    for (const { envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as PointsEvent;
      const sum = sums.get(event.data.membershipId) ?? { credited: 0, debited: 0, at: envelope.occurredAt };
      if (event.type === 'PointsCredited') sum.credited += event.data.points;
      else sum.debited += event.data.points;
      sum.at = envelope.occurredAt;
      sums.set(event.data.membershipId, sum);
    }
    if (sums.size === 0) return;
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
