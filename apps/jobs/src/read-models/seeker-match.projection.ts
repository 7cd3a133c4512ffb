import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { JOBS_AGGREGATES, JOBS_CONTEXT, ownEventPrefix, PUSH_DAILY_CAP } from '@ws/contracts';
import type { SeekerEvent, SeekerPreferences } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { JobsDatabase } from '../db/database';
import { cellOf } from '../search/grid';

/**
 * The node's own seekers as 精准推送 matches them: wishes from the events, the home point from
 * the seeker's vault row (kept beside the sealed data, rounded to ~100 m; never in an event).
 * A seeker erased from the vault is not matched: SeekerErased takes their row out.
 */
@ReadModel()
@Injectable()
export class SeekerMatchProjection implements Projection<JobsDatabase> {
  readonly name = 'jobs.seeker-match';
  readonly tables = ['seeker_match'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = `${ownEventPrefix(config.node)}.${JOBS_CONTEXT}.${JOBS_AGGREGATES.seeker}.>`;
  }

  async apply(trx: Transaction<JobsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { envelope } of events) {
      const event = envelope as unknown as SeekerEvent;
      switch (event.type) {
        case 'SeekerRegistered': {
          const home = await trx.selectFrom('jobs_vault').select(['home_lng', 'home_lat']).where('ref', '=', event.data.profileRef).executeTakeFirst();
          if (!home || home.home_lng === null || home.home_lat === null) break;
          const point = { lng: home.home_lng, lat: home.home_lat };
          await trx
            .insertInto('seeker_match')
            .values({
              seeker_id: event.data.seekerId,
              district_code: event.data.homeStreetCode.slice(0, 6),
              lng: point.lng,
              lat: point.lat,
              cell: cellOf(point),
              ...preferenceColumns(event.data),
              pushes: true,
              daily_cap: PUSH_DAILY_CAP.default,
              registered_at: new Date(envelope.occurredAt),
            })
            .onConflict((oc) => oc.column('seeker_id').doNothing())
            .execute();
          break;
        }
        case 'SeekerPreferencesChanged':
          await trx.updateTable('seeker_match').set(preferenceColumns(event.data)).where('seeker_id', '=', event.data.seekerId).execute();
          break;
        case 'SeekerPushesChanged':
          await trx.updateTable('seeker_match').set({ pushes: event.data.pushes, daily_cap: event.data.dailyCap }).where('seeker_id', '=', event.data.seekerId).execute();
          break;
        case 'SeekerErased':
          await trx.deleteFrom('seeker_match').where('seeker_id', '=', event.data.seekerId).execute();
          break;
        default:
          assertNever(event, 'seeker event');
      }
    }
  }
}

function preferenceColumns(p: SeekerPreferences) {
  return {
    home_street_code: p.homeStreetCode,
    categories: p.categories,
    skills: p.skills,
    pay_modes: p.payModes,
    travel_radius_km: p.travelRadiusKm,
    availability: JSON.stringify(p.availability),
  };
}
