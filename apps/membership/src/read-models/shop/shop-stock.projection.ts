import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { MEMBERSHIP_AGGREGATES, MEMBERSHIP_CONTEXT, ShopItemEvent, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, type PlatformConfig, ReadModel } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { MembershipDatabase } from '../../db/database';

/** The points shop catalogue with stock and redeemed counts. */
@ReadModel()
@Injectable()
export class ShopStockProjection implements Projection<MembershipDatabase> {
  readonly name = 'membership.shop-stock';
  readonly tables = ['shop_items'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, MEMBERSHIP_CONTEXT, MEMBERSHIP_AGGREGATES.shopItem);
  }

  async apply(trx: Transaction<MembershipDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as ShopItemEvent;
      const at = envelope.occurredAt;
      const version = envelope.streamVersion ?? 0;
      const item = trx.updateTable('shop_items').where('item_id', '=', event.data.itemId);
      switch (event.type) {
        case 'ShopItemListed':
          await trx
            .insertInto('shop_items')
            .values({ item_id: event.data.itemId, name: event.data.name, points: event.data.points, stock: event.data.stock, status: 'listed', updated_at: at, version })
            .onConflict((oc) => oc.column('item_id').doNothing())
            .execute();
          break;
        case 'ShopItemRestocked':
          await item.set((eb) => ({ stock: eb('stock', '+', event.data.quantity), updated_at: at, version })).execute();
          break;
        case 'ShopItemRepriced':
          await item.set({ points: event.data.points, updated_at: at, version }).execute();
          break;
        case 'ShopItemRedeemed':
          await item.set((eb) => ({ stock: eb('stock', '-', event.data.quantity), redeemed: eb('redeemed', '+', event.data.quantity), updated_at: at, version })).execute();
          break;
        case 'ShopItemWithdrawn':
          await item.set({ status: 'withdrawn', updated_at: at, version }).execute();
          break;
      }
    }
  }
}
