import { Inject, Injectable } from '@nestjs/common';
import { sql, Transaction } from 'kysely';
import { parseEventSubject, STATIONS_CONTEXT, subtreeContextFilter, WELFARE_AGGREGATE, type WelfareEvent, welfareHolderId } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';

/**
 * Welfare of the node's whole subtree: every handout, and each holder's stock by kind, with the
 * district from the subject — a district sees its own, a city or province the sum of its
 * districts'. Each event is one statement (a redelivered batch is skipped by the checkpoint).
 */
@ReadModel()
@Injectable()
export class WelfareProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.welfare';
  readonly tables = ['welfare_handouts', 'welfare_stock'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, WELFARE_AGGREGATE);
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as WelfareEvent;
      await applyEvent(trx, event, parseEventSubject(subject).district, new Date(envelope.occurredAt));
    }
  }
}

async function applyEvent(trx: Transaction<StationsDatabase>, event: WelfareEvent, district: string, at: Date): Promise<void> {
  const d = event.data;
  const holderId = welfareHolderId(d);
  switch (event.type) {
    case 'WelfareStockReceived':
      await sql`
        insert into welfare_stock (holder_id, kind, district_code, station_id, street_code, received, handed_out, received_cost_fen, updated_at)
        values (${holderId}, ${d.kind}, ${district}, ${d.stationId}, ${d.streetCode}, ${d.quantity}, 0, ${event.data.costFen}, ${at})
        on conflict (holder_id, kind) do update
          set received = welfare_stock.received + excluded.received, received_cost_fen = welfare_stock.received_cost_fen + excluded.received_cost_fen, updated_at = ${at}`.execute(trx);
      return;
    case 'WelfareHandedOut': {
      const h = event.data;
      await trx
        .insertInto('welfare_handouts')
        .values({
          handout_id: h.handoutId, district_code: district, holder_id: holderId, station_id: h.stationId, street_code: h.streetCode, occasion: h.occasion,
          kind: h.kind, quantity: h.quantity, people_reached: h.peopleReached, new_form_people: h.newFormPeople, occupations: JSON.stringify(h.occupations),
          cost_fen: h.costFen, from_stock: h.fromStock, handed_on: h.handedOn, recorded_at: at,
          // Schema 1 handouts counted no cards.
          members_reached: h.membersReached ?? 0,
        })
        .onConflict((oc) => oc.column('handout_id').doNothing())
        .execute();
      if (h.fromStock) {
        await sql`update welfare_stock set handed_out = handed_out + ${h.quantity}, updated_at = ${at} where holder_id = ${holderId} and kind = ${h.kind}`.execute(trx);
      }
      return;
    }
    default:
      assertNever(event, 'welfare event');
  }
}
