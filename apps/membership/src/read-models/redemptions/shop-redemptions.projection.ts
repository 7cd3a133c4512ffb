import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { MEMBERSHIP_AGGREGATES, MEMBERSHIP_CONTEXT, nodeCodeOfSubject, type RedemptionMade, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, type PlatformConfig, ReadModel } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { MembershipDatabase, ShopRedemptionsTable } from '../../db/database';

/** Who handed it over, from the event's actor (`role:subject`, `member:<id>`): never the subject itself. */
export function actorKind(actor: string | undefined): ShopRedemptionsTable['actor_kind'] {
  const role = actor?.split(':')[0];
  if (role === 'member') return 'member';
  if (role === 'station_manager') return 'station';
  if (role?.endsWith('_officer')) return 'officer';
  return 'system';
}

/**
 * The redemptions list (积分兑换记录): one row per RedemptionMade of the subtree, the member by
 * membership id only (the list masks the card number; no name is kept or shown). Inserted by id:
 * a redelivered event changes nothing.
 */
@ReadModel()
@Injectable()
export class ShopRedemptionsProjection implements Projection<MembershipDatabase> {
  readonly name = 'membership.shop-redemptions';
  readonly tables = ['shop_redemptions'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, MEMBERSHIP_CONTEXT, MEMBERSHIP_AGGREGATES.points);
  }

  async apply(trx: Transaction<MembershipDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    const rows = events
      .filter(({ envelope }) => envelope.type === 'RedemptionMade')
      .map(({ subject, envelope }) => {
        const data = envelope.data as RedemptionMade['data'];
        return {
          redemption_id: data.redemptionId,
          membership_id: data.membershipId,
          item_id: data.itemId,
          quantity: data.quantity,
          points: data.points,
          station_id: data.stationId ?? null,
          node_code: nodeCodeOfSubject(subject),
          actor_kind: actorKind(envelope.metadata.actor),
          redeemed_at: envelope.occurredAt,
        };
      });
    if (rows.length === 0) return;
    await trx.insertInto('shop_redemptions').values(rows).onConflict((oc) => oc.column('redemption_id').doNothing()).execute();
  }
}
