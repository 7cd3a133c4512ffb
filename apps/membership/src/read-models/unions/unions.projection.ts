import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { MEMBERSHIP_AGGREGATES, MEMBERSHIP_CONTEXT, subtreeContextFilter, UnionEvent } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, type PlatformConfig, ReadModel } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { MembershipDatabase } from '../../db/database';
import { parentNodeOf } from '../../union/union.decider';

/**
 * The unions of the node's subtree (few and rarely changing: one statement per event is fine).
 * At a city or province this is the union tree across nodes: a district's unions name their
 * parents, which may be the city's own.
 */
@ReadModel()
@Injectable()
export class UnionsProjection implements Projection<MembershipDatabase> {
  readonly name = 'membership.unions';
  readonly tables = ['unions'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, MEMBERSHIP_CONTEXT, MEMBERSHIP_AGGREGATES.union);
  }

  async apply(trx: Transaction<MembershipDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as UnionEvent;
      const at = envelope.occurredAt;
      const version = envelope.streamVersion ?? 0;
      switch (event.type) {
        case 'UnionCreated': {
          const d = event.data;
          await trx
            .insertInto('unions')
            .values({
              union_id: d.unionId,
              name: d.name,
              kind: d.kind,
              parent_union_id: d.parentUnionId,
              parent_node_code: parentNodeOf(d),
              node_code: d.nodeCode,
              street_code: d.streetCode,
              occupations: d.occupations,
              status: 'active',
              merged_into: null,
              created_at: at,
              updated_at: at,
              version,
            })
            .onConflict((oc) => oc.column('union_id').doNothing())
            .execute();
          break;
        }
        case 'UnionRenamed':
          await trx.updateTable('unions').set({ name: event.data.name, updated_at: at, version }).where('union_id', '=', event.data.unionId).execute();
          break;
        case 'UnionMerged':
          await trx
            .updateTable('unions')
            .set({ status: 'merged', merged_into: event.data.intoUnionId, updated_at: at, version })
            .where('union_id', '=', event.data.unionId)
            .execute();
          break;
        case 'UnionDissolved':
          await trx.updateTable('unions').set({ status: 'dissolved', updated_at: at, version }).where('union_id', '=', event.data.unionId).execute();
          break;
      }
    }
  }
}
