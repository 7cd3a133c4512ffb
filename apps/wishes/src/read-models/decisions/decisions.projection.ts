import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { DemandDispatchDecided, subtreeContextFilter, WISHES_CONTEXT } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { WishesDatabase } from '../../db/database';

/** The street officers' decisions on their demand lists (统一派单 history). */
@ReadModel()
@Injectable()
export class DecisionsProjection implements Projection<WishesDatabase> {
  readonly name = 'wishes.decisions';
  readonly tables = ['demand_decisions'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, WISHES_CONTEXT, 'demand');
  }

  async apply(trx: Transaction<WishesDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    const rows = events
      .filter(({ envelope }) => envelope.type === 'DemandDispatchDecided')
      .map(({ envelope }) => {
        const d = envelope.data as DemandDispatchDecided['data'];
        return {
          decision_id: d.decisionId,
          street_code: d.streetCode,
          category: d.category,
          mode: d.mode,
          wish_ids: d.wishIds,
          title: d.title,
          activity: d.activity ? JSON.stringify(d.activity) : null,
          answer: d.answer,
          deadline: d.deadline,
          officer_id: d.officerId,
          decided_at: envelope.occurredAt,
        };
      });
    if (rows.length === 0) return;
    await trx.insertInto('demand_decisions').values(rows).onConflict((oc) => oc.column('decision_id').doNothing()).execute();
  }
}
