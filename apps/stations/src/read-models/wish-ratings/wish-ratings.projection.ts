import { Inject, Injectable } from '@nestjs/common';
import { sql, Transaction } from 'kysely';
import {
  nodeCodeOfSubject,
  shanghaiToday,
  subtreeContextFilter,
  WISHES_AGGREGATES,
  WISHES_CONTEXT,
  type WishClosed,
  type WishConfirmed,
  type WishDeclined,
  type WishPostedData,
} from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { ForgedEvent, Projection } from '@ws/projections';
import type { StationsDatabase } from '../../db/database';
import { foreignToStation } from '../directory/station-origin';

/**
 * The ratings workers give the wishes they posted at the subtree's stations, for the star
 * review's satisfaction score. Wishes' events are the only source (libs/contracts): a wish names
 * its station when posted (WishPosted, SuggestionPosted), its rating comes with the author's
 * confirmation (WishConfirmed, which names only the wish), so the wish → station pair is kept
 * from the one to the other. A wish that can no longer be rated (declined, merged, closed
 * unconfirmed) is dropped: the table holds open wishes and rated ones.
 *
 * Only the node that posted a wish speaks for it, and only the station's own node's wishes service
 * takes wishes at that station: a wish naming another node's station, or a confirmation from
 * another node than the wish's, is returned as forged (parked), as visits are.
 * Each event is one idempotent statement: a redelivered event sets the same rating again.
 */
@ReadModel()
@Injectable()
export class WishRatingsProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.wish-ratings';
  readonly tables = ['wish_ratings'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, WISHES_CONTEXT, WISHES_AGGREGATES.wish);
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<ForgedEvent[]> {
    const forged: ForgedEvent[] = [];
    for (const { seq, subject, envelope } of events) {
      const from = nodeCodeOfSubject(subject);
      const refusal = await applyEvent(trx, envelope.type, envelope.data, subject, from, new Date(envelope.occurredAt));
      if (refusal) forged.push({ seq, detail: `${envelope.type}: ${refusal}` });
    }
    return forged;
  }
}

/** Applies one wish event; answers why it may not be applied (forged), or null. */
async function applyEvent(trx: Transaction<StationsDatabase>, type: string, data: unknown, subject: string, from: string, at: Date): Promise<string | null> {
  switch (type) {
    case 'WishPosted':
    case 'SuggestionPosted': {
      const { wishId, stationId } = data as WishPostedData;
      // A station the directory does not know yet (its projection runs behind this one) is taken on trust, as visits are.
      const station = await trx.selectFrom('station_directory').select(['origin_node', 'district_code']).where('id', '=', stationId).executeTakeFirst();
      const foreign = station ? foreignToStation(station, subject, stationId) : null;
      if (foreign) return foreign;
      await trx.insertInto('wish_ratings').values({ wish_id: wishId, station_id: stationId, origin_node: from, rating: null, rated_on: null }).onConflict((oc) => oc.column('wish_id').doNothing()).execute();
      return null;
    }
    case 'WishConfirmed': {
      const { wishId, rating } = data as WishConfirmed['data'];
      const rated = await trx
        .updateTable('wish_ratings')
        .set({ rating, rated_on: shanghaiToday(at) })
        .where('wish_id', '=', wishId)
        .where('origin_node', '=', from)
        .returning('wish_id')
        .executeTakeFirst();
      return rated ? null : await otherNodesWish(trx, wishId, from);
    }
    case 'WishDeclined':
    case 'WishClosed': {
      const { wishId } = data as (WishDeclined | WishClosed)['data'];
      if (type === 'WishClosed' && (data as WishClosed['data']).reason === 'confirmed') return null;
      await sql`delete from wish_ratings where wish_id = ${wishId}::uuid and origin_node = ${from} and rating is null`.execute(trx);
      return null;
    }
    default:
      return null;
  }
}

/** Why a confirmation that matched no wish of its node is refused: the wish is another node's; null when the wish is unknown here (nothing to rate). */
async function otherNodesWish(trx: Transaction<StationsDatabase>, wishId: string, from: string): Promise<string | null> {
  const row = await trx.selectFrom('wish_ratings').select('origin_node').where('wish_id', '=', wishId).executeTakeFirst();
  return row ? `wish ${wishId} was posted at node ${row.origin_node}; node ${from} may not rate it` : null;
}
