import { Inject, Injectable } from '@nestjs/common';
import { Kysely, type Transaction } from 'kysely';
import { newId } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { StationCommands, type StationOutcome } from '../station-commands';
import { type PublishNoticeDto, toPublishNotice } from './publish-notice.dto';

/**
 * The notice's manager name goes to the node's vault (`station_notice_names`) in the
 * transaction of the event, which carries only its ref; the same name keeps its ref, so
 * publishing the same notice again changes nothing.
 */
@Injectable()
export class PublishNoticeHandler {
  constructor(
    private readonly stations: StationCommands,
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
  ) {}

  async publish(stationId: string, dto: PublishNoticeDto, principal: Principal, expectedVersion?: number): Promise<StationOutcome> {
    const name = dto.managerName?.trim() || null;
    const known = name
      ? await this.db.selectFrom('station_notice_names').select('ref').where('station_id', '=', stationId).where('name', '=', name).executeTakeFirst()
      : undefined;
    const ref = name ? (known?.ref ?? newId()) : null;
    const alongside =
      name && !known ? (trx: Transaction<StationsDatabase>) => trx.insertInto('station_notice_names').values({ ref: ref!, station_id: stationId, name }).execute().then(() => undefined) : undefined;
    return this.stations.run(toPublishNotice(stationId, ref, dto), principal, expectedVersion, alongside);
  }
}
