import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { DEFAULT_MAX_DISTANCE_KM, type NearestIndex, type NearestQuery } from '../nearest/nearest-index';
import type { WorkerDensityCell } from './worker-density-csv';
import { stationsError } from '../../errors';

export { parseWorkerDensityCsv, type CsvLineError, type WorkerDensityCell, type WorkerDensityImport } from './worker-density-csv';

export type TravelMode = 'walking' | 'ebike';

export interface CoverageOptions {
  mode: TravelMode;
  walkingKmh?: number;
  ebikeKmh?: number;
  minutes?: number;
  /** Road distance over straight-line distance. */
  detourFactor?: number;
  /** Stations in service then count (not closed, not suspended); default now. */
  at?: Date;
  /**
   * Also only those open at `at` by their opening hours (who has a station open at 2 a.m.?).
   * Default false: the 15-minute circle is the network in service, whatever the hour, so a share
   * read at night or on a Sunday is the share read at noon (see docs/ARCHITECTURE.md, Coverage).
   */
  countHours?: boolean;
}

export interface UncoveredCell {
  cell: string;
  lat: number;
  lng: number;
  count: number;
  /** Absent when no station counts within DEFAULT_MAX_DISTANCE_KM. */
  nearestOpenKm?: number;
}

export interface CoverageReport {
  reachKm: number;
  totalWorkers: number;
  coveredWorkers: number;
  share: number; // coveredWorkers / totalWorkers, 0 without workers
  /** Where workers have no station in reach, most workers first: where to site the next one. */
  uncoveredHotCells: UncoveredCell[];
}

/**
 * Straight-line reach: the distance travelled in `minutes`, shortened by the detour factor because
 * roads are longer than the crow flies (1.3 is a common urban figure).
 */
export function reachRadiusKm(options: CoverageOptions): number {
  const speedKmh = options.mode === 'walking' ? (options.walkingKmh ?? 5) : (options.ebikeKmh ?? 15);
  const minutes = options.minutes ?? 15;
  const detourFactor = options.detourFactor ?? 1.3;
  if (!(speedKmh > 0)) throw stationsError('invalid_coverage_options', 'speed must be positive', `${options.mode}Kmh`);
  if (!(minutes > 0)) throw stationsError('invalid_coverage_options', 'minutes must be positive', 'minutes');
  if (!(detourFactor >= 1)) throw stationsError('invalid_coverage_options', 'detourFactor must be at least 1', 'detourFactor');
  return (speedKmh * minutes) / 60 / detourFactor;
}

/** The nearest station that counts for a cell's workers, as the options say: in service, or open by its hours too. */
function servingNear(cell: WorkerDensityCell, options: CoverageOptions, searchKm: number): NearestQuery {
  return { lng: cell.lng, lat: cell.lat, k: 1, openAt: options.at, anyHour: !options.countHours, maxDistanceKm: searchKm };
}

/**
 * Share of workers with a station in service within reach (or open then by its hours, `countHours`).
 *
 * Approximation: a cell counts as covered when the great-circle distance from its centre to the
 * nearest station that counts is within the reach radius, and then all its workers do. So every worker is
 * placed at the cell centre (off by up to one cell edge: ~0.5 km at H3 resolution 8, ~0.2 km at 9),
 * the road network is a constant detour factor (rivers, rail lines and gated estates are ignored),
 * and a station's capacity is unlimited.
 */
export function computeCoverage(
  cells: readonly WorkerDensityCell[],
  index: Pick<NearestIndex, 'nearest'>,
  options: CoverageOptions,
): CoverageReport {
  const reachKm = reachRadiusKm(options);
  const searchKm = Math.max(reachKm, DEFAULT_MAX_DISTANCE_KM);
  let totalWorkers = 0;
  let coveredWorkers = 0;
  const uncoveredHotCells: UncoveredCell[] = [];

  for (const cell of cells) {
    totalWorkers += cell.count;
    const [nearest] = index.nearest(servingNear(cell, options, searchKm));
    if (nearest && nearest.distanceKm <= reachKm) {
      coveredWorkers += cell.count;
    } else if (cell.count > 0) {
      uncoveredHotCells.push({ ...cell, ...(nearest ? { nearestOpenKm: nearest.distanceKm } : {}) });
    }
  }

  uncoveredHotCells.sort((a, b) => b.count - a.count || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
  return { reachKm, totalWorkers, coveredWorkers, share: totalWorkers > 0 ? coveredWorkers / totalWorkers : 0, uncoveredHotCells };
}

/** A registered station (not closed) as the drill-down attributes workers to places: where it is and the child it belongs to. */
export interface PlacedStation {
  lng: number;
  lat: number;
  /** The child of the node it belongs to: its street (a district's drill-down) or its district (a city's, a province's). */
  child: string;
}

/** How far from a registered station a cell is still placed in that station's street or district. */
export const PLACE_WITHIN_KM = 10;

export interface ChildCoverageRow {
  /** A child code, or '' for the workers no registered station is near enough to place. */
  child: string;
  stations: number;
  totalWorkers: number;
  coveredWorkers: number;
  share: number;
}

/**
 * Coverage per child (drill-down): the worker cells carry no place code, so each cell is placed
 * in the child of the nearest registered station (any status but closed) within
 * PLACE_WITHIN_KM — a station serves the street it is registered in, and the cells around
 * it are that street's. Farther cells form the row '' (未归属). Whether a cell is covered is
 * computeCoverage's rule: a station in service within reach. Children with stations but no workers
 * near them still get a row (0 workers), so the officer sees every child the directory knows.
 */
export function coverageByChild(
  cells: readonly WorkerDensityCell[],
  index: Pick<NearestIndex, 'nearest'>,
  stations: readonly PlacedStation[],
  options: CoverageOptions,
): { reachKm: number; rows: ChildCoverageRow[] } {
  const reachKm = reachRadiusKm(options);
  const rows = new Map<string, ChildCoverageRow>();
  const row = (child: string) => {
    let found = rows.get(child);
    if (!found) rows.set(child, (found = { child, stations: 0, totalWorkers: 0, coveredWorkers: 0, share: 0 }));
    return found;
  };
  for (const station of stations) row(station.child).stations++;
  const tree = stations.length > 0 ? new KDBush(stations.length) : undefined;
  for (const station of stations) tree!.add(station.lng, station.lat);
  tree?.finish();
  const searchKm = Math.max(reachKm, DEFAULT_MAX_DISTANCE_KM);
  for (const cell of cells) {
    const [nearestPlaced] = tree ? around(tree, cell.lng, cell.lat, 1, PLACE_WITHIN_KM) : [];
    const target = row(nearestPlaced !== undefined ? stations[nearestPlaced]!.child : '');
    target.totalWorkers += cell.count;
    const [nearestServing] = index.nearest(servingNear(cell, options, searchKm));
    if (nearestServing && nearestServing.distanceKm <= reachKm) target.coveredWorkers += cell.count;
  }
  for (const r of rows.values()) r.share = r.totalWorkers > 0 ? r.coveredWorkers / r.totalWorkers : 0;
  // Least covered first (where the officer looks first), then the most workers; the unplaced last.
  const sorted = [...rows.values()].sort((a, b) => Number(a.child === '') - Number(b.child === '') || a.share - b.share || b.totalWorkers - a.totalWorkers || (a.child < b.child ? -1 : 1));
  return { reachKm, rows: sorted };
}
