import { Kysely } from 'kysely';
import type { StationsDatabase } from '../../db/database';
import type { NearestIndex } from '../nearest/nearest-index';
import { coverageByChild, type ChildCoverageRow, type TravelMode } from './coverage';

export interface ChildCoverageOptions {
  /** Place the workers in the street or the district of the nearest registered station. */
  by: 'street' | 'district';
  /** Only the stations of one district (a city's or province's drill-down). */
  district?: string;
  mode: TravelMode;
  minutes?: number;
  /** Stations in service then count as reach, whatever their opening hours. */
  at: Date;
}

/**
 * The node's coverage per child from its worker-density map and its directory's stations (not
 * closed): what GET /coverage/children shows, and what a coverage target's progress is measured by.
 */
export async function childCoverage(
  db: Kysely<StationsDatabase>,
  index: Pick<NearestIndex, 'nearest'>,
  options: ChildCoverageOptions,
): Promise<{ reachKm: number; rows: ChildCoverageRow[] }> {
  const { by, district } = options;
  const [cellRows, stationRows] = await Promise.all([
    db.selectFrom('worker_cells').select(['cell', 'lat', 'lng', 'workers']).execute(),
    db
      .selectFrom('station_directory')
      .select(['lng', 'lat', 'district_code', 'street_code'])
      .where('status', '!=', 'closed')
      .$if(district !== undefined, (qb) => qb.where('district_code', '=', district!))
      .execute(),
  ]);
  return coverageByChild(
    cellRows.map((r) => ({ cell: r.cell, lat: r.lat, lng: r.lng, count: r.workers })),
    index,
    stationRows.map((s) => ({ lng: s.lng, lat: s.lat, child: by === 'street' ? s.street_code : s.district_code })),
    { mode: options.mode, minutes: options.minutes, at: options.at },
  );
}
