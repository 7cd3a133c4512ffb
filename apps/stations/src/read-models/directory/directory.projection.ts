import { Inject, Injectable } from '@nestjs/common';
import { Insertable, Kysely, Transaction } from 'kysely';
import { nodeCodeOfSubject, parseEventSubject, STATIONS_CONTEXT, StationStreamEvent, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { DB, PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { ForgedEvent, Projection } from '@ws/projections';
import type { StationHistoryTable, StationsDatabase } from '../../db/database';
import { StationLocator } from '../nearest/station-locator.service';
import { DirectoryRow, evolveRow } from './directory-row';
import { loadRows, upsertRows } from './directory.repository';
import { foreignToStation } from './station-origin';

/**
 * The station directory and each station's history, from the station streams of the node's
 * whole subtree. A batch loads the rows it touches once, folds the
 * events in memory and writes every changed row in one statement. A station's facts are applied
 * only from the node that registered it: another node's (a registration of a known station
 * included) are returned to the runner as forged, which parks them.
 */
@ReadModel()
@Injectable()
export class DirectoryProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.directory';
  readonly tables = ['station_directory', 'station_history'];
  readonly filter: string;
  private changed: DirectoryRow[] = [];

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    private readonly locator: StationLocator,
  ) {
    // Station streams only: check-ins, the bulk of the stream, never reach this consumer.
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, 'station');
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<ForgedEvent[]> {
    const ids = [...new Set(events.map((e) => (e.envelope.data as { stationId: string }).stationId))];
    const rows = await loadRows(trx, ids);
    const dirty = new Set<string>();
    const history: Insertable<StationHistoryTable>[] = [];
    const forged: ForgedEvent[] = [];
    for (const { seq, subject, envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as StationStreamEvent;
      const row = rows.get(event.data.stationId);
      const foreign = row ? foreignToStation(row, subject, row.id) : null;
      if (foreign) {
        forged.push({ seq, detail: `${event.type}: ${foreign}` });
        continue;
      }
      const occurredAt = new Date(envelope.occurredAt);
      const next = evolveRow(row, event, { district: parseEventSubject(subject).district, node: nodeCodeOfSubject(subject), occurredAt });
      if (!next) continue;
      rows.set(next.id, next);
      dirty.add(next.id);
      history.push({ station_id: next.id, seq, type: event.type, occurred_at: occurredAt, data: JSON.stringify(event.data) });
    }
    this.changed = [...dirty].map((id) => rows.get(id)!);
    await upsertRows(trx, this.changed);
    if (history.length > 0) await trx.insertInto('station_history').values(history).onConflict((oc) => oc.doNothing()).execute();
    return forged;
  }

  afterCommit(): void {
    for (const row of this.changed) this.locator.upsertRow(row);
    this.changed = [];
  }
}
