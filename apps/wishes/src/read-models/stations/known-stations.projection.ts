import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { STATIONS_CONTEXT, StationClosed, StationRegistered, StationRelocated, StationReopened, StationSuspended, StationUpdated, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { WishesDatabase } from '../../db/database';

/**
 * The stations of the node as the stations context announces them: a wish names its station
 * (from the QR code) and takes its street and community from here, never from the client.
 */
@ReadModel()
@Injectable()
export class KnownStationsProjection implements Projection<WishesDatabase> {
  readonly name = 'wishes.known-stations';
  readonly tables = ['known_stations'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, 'station');
  }

  async apply(trx: Transaction<WishesDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { envelope } of events) {
      const at = envelope.occurredAt;
      switch (envelope.type) {
        case 'StationRegistered': {
          const d = envelope.data as StationRegistered['data'];
          await trx
            .insertInto('known_stations')
            .values({ station_id: d.stationId, name: d.name, tier: d.tier, street_code: d.streetCode, community_code: d.communityCode, status: 'active', updated_at: at })
            .onConflict((oc) => oc.column('station_id').doNothing())
            .execute();
          break;
        }
        case 'StationUpdated': {
          const d = envelope.data as StationUpdated['data'];
          const changes = { ...(d.changes.name ? { name: d.changes.name } : {}), ...(d.changes.tier ? { tier: d.changes.tier } : {}) };
          if (Object.keys(changes).length > 0) await trx.updateTable('known_stations').set({ ...changes, updated_at: at }).where('station_id', '=', d.stationId).execute();
          break;
        }
        case 'StationRelocated': {
          const d = envelope.data as StationRelocated['data'];
          await trx.updateTable('known_stations').set({ street_code: d.streetCode, community_code: d.communityCode, updated_at: at }).where('station_id', '=', d.stationId).execute();
          break;
        }
        case 'StationSuspended':
        case 'StationReopened':
        case 'StationClosed': {
          const d = envelope.data as (StationSuspended | StationReopened | StationClosed)['data'];
          const status = envelope.type === 'StationSuspended' ? 'suspended' : envelope.type === 'StationClosed' ? 'closed' : 'active';
          await trx.updateTable('known_stations').set({ status, updated_at: at }).where('station_id', '=', d.stationId).execute();
          break;
        }
        default:
          break;
      }
    }
  }
}
