import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Kysely } from 'kysely';
import { CLOCK } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import type { DirectoryRow } from '../directory/directory-row';
import { fromDb } from '../directory/directory.repository';
import { shortNotice } from '../directory/station-notice';
import { IndexedStation, NearestIndex } from './nearest-index';

export function toIndexed(row: DirectoryRow): IndexedStation {
  return {
    id: row.id,
    name: row.name,
    lng: row.lng,
    lat: row.lat,
    facilities: row.facilities,
    hours: row.hours,
    status: row.status,
    ...(row.suspended_until ? { suspendedUntil: row.suspended_until.toISOString() } : {}),
    tier: row.tier,
    kind: row.kind,
    ...(row.stars !== null ? { stars: row.stars } : {}),
    notice: shortNotice(row),
  };
}

/**
 * The in-memory nearest-open-station index, mirroring the directory: loaded from it before the
 * projections start (onModuleInit runs before any bootstrap hook), then kept current by the
 * directory projection after each committed batch.
 */
@Injectable()
export class StationLocator implements OnModuleInit {
  readonly index: NearestIndex;

  constructor(
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.index = new NearestIndex({ clock });
  }

  async onModuleInit(): Promise<void> {
    const rows = await this.db.selectFrom('station_directory').selectAll().execute();
    this.index.load(rows.map((r) => toIndexed(fromDb(r))));
  }

  upsertRow(row: DirectoryRow): void {
    if (row.status === 'closed') this.index.remove(row.id);
    else this.index.upsert(toIndexed(row));
  }
}
