import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { STATIONS_AGGREGATES, STATIONS_CONTEXT, subtreeContextFilter } from '@ws/contracts';
import type { StationClosed, StationRegistered, StationRelocated } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { JobsDatabase } from '../db/database';

/**
 * Where the subtree's stations are, from the stations context's events (the contract, not its
 * code): a worker at a station (a 零工之家 point) searches from the station's place.
 */
@ReadModel()
@Injectable()
export class StationPointsProjection implements Projection<JobsDatabase> {
  readonly name = 'jobs.station-points';
  readonly tables = ['station_points'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, STATIONS_AGGREGATES.station);
  }

  async apply(trx: Transaction<JobsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { envelope } of events) {
      const event = envelope as unknown as StationRegistered | StationRelocated | StationClosed | { type: string; data: { stationId: string } };
      switch (event.type) {
        case 'StationRegistered':
        case 'StationRelocated': {
          const { stationId, location } = (event as StationRegistered | StationRelocated).data;
          await trx
            .insertInto('station_points')
            .values({ station_id: stationId, lng: location.lng, lat: location.lat, closed: false })
            .onConflict((oc) => oc.column('station_id').doUpdateSet({ lng: location.lng, lat: location.lat }))
            .execute();
          break;
        }
        case 'StationClosed':
          await trx.updateTable('station_points').set({ closed: true }).where('station_id', '=', event.data.stationId).execute();
          break;
        default:
          // The station's other facts (hours, facilities, reviews …) do not move it.
          break;
      }
    }
  }
}
