import { Inject, Injectable } from '@nestjs/common';
import { sql, Transaction } from 'kysely';
import { parseEventSubject, PROGRAMME_AGGREGATE, type ProgrammeEvent, STATIONS_CONTEXT, subtreeContextFilter } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel, type PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';

/**
 * Programmes of the node's whole subtree with their progress, and every delivery (for the
 * report's sums by period): a district sees its own, a city or province the sum of its districts'.
 */
@ReadModel()
@Injectable()
export class ProgrammesProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.programmes';
  readonly tables = ['programme_deliveries', 'programmes'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, PROGRAMME_AGGREGATE);
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      await applyEvent(trx, { type: envelope.type, data: envelope.data } as ProgrammeEvent, parseEventSubject(subject).district, new Date(envelope.occurredAt));
    }
  }
}

async function applyEvent(trx: Transaction<StationsDatabase>, event: ProgrammeEvent, district: string, at: Date): Promise<void> {
  switch (event.type) {
    case 'ProgrammeLaunched': {
      const t = event.data;
      await trx.insertInto('programmes').values({
        programme_id: t.programmeId, district_code: district, kind: t.kind, title: t.title, target: t.target, places: t.places,
        min_new_form_share: t.minNewFormSharePercent, starts_on: t.startsOn, ends_on: t.endsOn, status: 'running', people: 0, new_form_people: 0, places_used: 0, launched_at: at,
      }).onConflict((oc) => oc.column('programme_id').doNothing()).execute();
      return;
    }
    case 'ProgrammeDelivered': {
      const d = event.data;
      const inserted = await trx.insertInto('programme_deliveries').values({
        delivery_id: d.deliveryId, programme_id: d.programmeId, district_code: district, kind: d.kind, station_id: d.stationId, street_code: d.streetCode,
        delivered_on: d.deliveredOn, people: d.people, new_form_people: d.newFormPeople, places: d.places,
      }).onConflict((oc) => oc.column('delivery_id').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
        await sql`update programmes set people = people + ${d.people}, new_form_people = new_form_people + ${d.newFormPeople}, places_used = places_used + ${d.places}
                  where programme_id = ${d.programmeId}::uuid`.execute(trx);
      }
      return;
    }
    case 'ProgrammeClosed':
      await trx.updateTable('programmes').set({ status: 'closed' }).where('programme_id', '=', event.data.programmeId).execute();
      return;
    default:
      assertNever(event, 'programme event');
  }
}
