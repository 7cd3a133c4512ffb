import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { DIRECTIVE_AGGREGATES, nodeCodeOfSubject, STATIONS_CONTEXT, subtreeContextFilter, type DirectiveReceiptEvent } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel, type PlatformConfig } from '@ws/platform';
import type { ForgedEvent, Projection } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';

/**
 * Which node of the subtree received and acknowledged which directive: what the issuer counts. A
 * receipt speaks for the node that published it, never for another (returned as forged).
 */
@ReadModel()
@Injectable()
export class DirectiveReceiptsProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.directive-receipts';
  readonly tables = ['directive_receipts'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, DIRECTIVE_AGGREGATES.receipt);
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<ForgedEvent[]> {
    const forged: ForgedEvent[] = [];
    for (const { seq, subject, envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as DirectiveReceiptEvent;
      const from = nodeCodeOfSubject(subject);
      if (event.data.nodeCode !== from) {
        forged.push({ seq, detail: `${event.type}: a receipt of node ${event.data.nodeCode} from node ${from}` });
        continue;
      }
      const at = new Date(envelope.occurredAt);
      const column = event.type === 'DirectiveReceived' ? 'received_at' : 'acknowledged_at';
      // The first time counts: a fact seen again (a rebuild, a redelivery) keeps its original time.
      await trx
        .insertInto('directive_receipts')
        .values({ directive_id: event.data.directiveId, node_code: event.data.nodeCode, received_at: null, acknowledged_at: null, [column]: at })
        .onConflict((oc) => oc.columns(['directive_id', 'node_code']).doUpdateSet((eb) => ({ [column]: eb.fn.coalesce(`directive_receipts.${column}`, `excluded.${column}`) })))
        .execute();
    }
    return forged;
  }
}
