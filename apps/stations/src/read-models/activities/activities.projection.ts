import { Inject, Injectable } from '@nestjs/common';
import { sql, Transaction } from 'kysely';
import { ACTIVITY_AGGREGATE, type ActivityEvent, parseEventSubject, STATIONS_CONTEXT, subtreeContextFilter } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';

/**
 * Activities of the node's whole subtree, one row each, with the district from the subject: a
 * district sees its own, a city or province the sum of its districts', from the same events.
 * Each event is one idempotent statement (a redelivered batch is skipped by the checkpoint; an
 * activity's events arrive in stream order).
 */
@ReadModel()
@Injectable()
export class ActivitiesProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.activities';
  readonly tables = ['activities'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, ACTIVITY_AGGREGATE);
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as ActivityEvent;
      await applyEvent(trx, event, parseEventSubject(subject).district, new Date(envelope.occurredAt));
    }
  }
}

async function applyEvent(trx: Transaction<StationsDatabase>, event: ActivityEvent, district: string, at: Date): Promise<void> {
  const row = (id: string) => trx.updateTable('activities').where('activity_id', '=', id);
  switch (event.type) {
    case 'ActivityPlanned': {
      const d = event.data;
      await trx
        .insertInto('activities')
        .values({
          activity_id: d.activityId, district_code: district, station_id: d.stationId, street_code: d.streetCode, kind: d.kind, title: d.title,
          organiser: d.organiser, partners: d.partners, service: d.service, planned_on: d.plannedOn, held_on: null, status: 'planned',
          cancel_reason: null, places: d.places, confirmed: 0, waitlisted: 0, participants: null, new_form_participants: null, photos: [], planned_at: at, updated_at: at,
        })
        .onConflict((oc) => oc.column('activity_id').doNothing())
        .execute();
      return;
    }
    case 'ActivityRescheduled':
      await row(event.data.activityId).set({ planned_on: event.data.plannedOn, updated_at: at }).execute();
      return;
    case 'ActivityCancelled':
      await row(event.data.activityId).set({ status: 'cancelled', cancel_reason: event.data.reason, updated_at: at }).execute();
      return;
    case 'ActivityHeld': {
      const { activityId, heldOn, participants, newFormParticipants, photos } = event.data;
      await row(activityId).set({ status: 'held', held_on: heldOn, participants, new_form_participants: newFormParticipants, photos, updated_at: at }).execute();
      return;
    }
    case 'ActivitySignedUp': {
      const column = event.data.waitlisted ? sql`waitlisted = waitlisted + 1` : sql`confirmed = confirmed + 1`;
      await sql`update activities set ${column}, updated_at = ${at} where activity_id = ${event.data.activityId}::uuid`.execute(trx);
      return;
    }
    case 'ActivitySignUpWithdrawn': {
      // A waiting sign-up leaves the list; a place freed is taken by the first waiting, or left empty.
      const { waitlisted, promoted } = event.data;
      const change = waitlisted || promoted ? sql`waitlisted = waitlisted - 1` : sql`confirmed = confirmed - 1`;
      await sql`update activities set ${change}, updated_at = ${at} where activity_id = ${event.data.activityId}::uuid`.execute(trx);
      return;
    }
    default:
      assertNever(event, 'activity event');
  }
}
