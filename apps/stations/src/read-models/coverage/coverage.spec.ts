import { cellToLatLng, gridDisk, gridRing, latLngToCell } from 'h3-js';
import { NearestIndex, type IndexedStation } from '../nearest/nearest-index';
import { computeCoverage, coverageByChild, parseWorkerDensityCsv, reachRadiusKm, type WorkerDensityCell } from './coverage';

const MONDAY_10 = new Date('2030-01-07T10:00:00+08:00');
const KM_PER_DEGREE_LAT = 111.195;
const KM_PER_DEGREE_LNG_AT_30 = KM_PER_DEGREE_LAT * Math.cos((30 * Math.PI) / 180);

function station(id: string, lng: number, lat: number, overrides: Partial<IndexedStation> = {}): IndexedStation {
  return { id, name: id, lng, lat, facilities: [], hours: { open24h: true }, status: 'active', tier: 'street', kind: 'station', ...overrides };
}

/** A cell `eastKm` east and `northKm` north of (120, 30). */
function cellAt(eastKm: number, northKm: number, count: number): WorkerDensityCell {
  return { cell: `${eastKm},${northKm}`, lng: 120 + eastKm / KM_PER_DEGREE_LNG_AT_30, lat: 30 + northKm / KM_PER_DEGREE_LAT, count };
}

describe('reachRadiusKm', () => {
  it('is speed × time, shortened by the detour factor', () => {
    expect(reachRadiusKm({ mode: 'walking' })).toBeCloseTo((5 * 15) / 60 / 1.3, 9);
    expect(reachRadiusKm({ mode: 'ebike', minutes: 10, detourFactor: 1 })).toBeCloseTo(2.5, 9);
    expect(() => reachRadiusKm({ mode: 'walking', detourFactor: 0.5 })).toThrow(expect.objectContaining({ code: 'invalid_coverage_options' }));
  });
});

describe('computeCoverage', () => {
  // A 13 × 13 lattice of cells 0.5 km apart centred on a station, 10 workers each. On foot
  // (reach 0.96 km) the centre, its 4 neighbours at 0.5 km and 4 diagonals at 0.71 km are in
  // reach; the next ones (1.0 km) are not.
  const lattice: WorkerDensityCell[] = [];
  for (let i = -6; i <= 6; i++) for (let j = -6; j <= 6; j++) lattice.push(cellAt(i * 0.5, j * 0.5, 10));

  it('counts the workers of the cells in walking reach', () => {
    const index = new NearestIndex();
    index.load([station('centre', 120, 30)]);

    const report = computeCoverage(lattice, index, { mode: 'walking', at: MONDAY_10 });

    expect(report.totalWorkers).toBe(169 * 10);
    expect(report.coveredWorkers).toBe(9 * 10);
    expect(report.share).toBeCloseTo(90 / 1690, 9);
    expect(report.uncoveredHotCells).toHaveLength(160);
  });

  it('reaches further by e-bike and lists uncovered cells by workers, with the nearest open station', () => {
    const index = new NearestIndex();
    index.load([station('centre', 120, 30)]);
    const line = [cellAt(0.3, 0, 1), cellAt(0.9, 0, 2), cellAt(1.5, 0, 4), cellAt(2.5, 0, 8), cellAt(3.5, 0, 16), cellAt(6, 0, 32)];

    const walking = computeCoverage(line, index, { mode: 'walking', at: MONDAY_10 });
    const ebike = computeCoverage(line, index, { mode: 'ebike', at: MONDAY_10 });

    expect(walking.coveredWorkers).toBe(1 + 2);
    expect(ebike.coveredWorkers).toBe(1 + 2 + 4 + 8);
    expect(ebike.uncoveredHotCells.map((c) => c.count)).toEqual([32, 16]);
    expect(ebike.uncoveredHotCells[0].nearestOpenKm).toBeCloseTo(6, 1);
    expect(ebike.uncoveredHotCells[1].nearestOpenKm).toBeCloseTo(3.5, 1);
  });

  const weekdays = ([1, 2, 3, 4, 5] as const).map((day) => ({ day, open: '08:00', close: '20:00' }));
  const MONDAY_21 = new Date('2030-01-07T21:00:00+08:00');
  const SUNDAY_10 = new Date('2030-01-13T10:00:00+08:00');

  it('counts a station in service whatever the hour or the weekday: a share read at night or on Sunday is the share read at noon', () => {
    const index = new NearestIndex();
    index.load([station('day-only', 120, 30, { hours: { open24h: false, weekly: weekdays } })]);
    const cells = [cellAt(0.2, 0, 7)];

    for (const at of [MONDAY_10, MONDAY_21, SUNDAY_10]) {
      expect({ at, covered: computeCoverage(cells, index, { mode: 'walking', at }).coveredWorkers }).toEqual({ at, covered: 7 });
      expect({ at, rows: coverageByChild(cells, index, [{ lng: 120, lat: 30, child: '330802001' }], { mode: 'walking', at }).rows[0]!.coveredWorkers }).toEqual({ at, rows: 7 });
    }
  });

  it('does not count a station out of service at the reading: suspended (until 20:00 that day) or closed', () => {
    const index = new NearestIndex();
    index.load([
      station('repairs', 120, 30, { status: 'suspended', suspendedUntil: '2030-01-07T20:00:00+08:00', hours: { open24h: false, weekly: weekdays } }),
      station('gone', cellAt(0.1, 0, 0).lng, 30, { status: 'closed' }),
    ]);
    const cells = [cellAt(0.2, 0, 7)];

    expect(computeCoverage(cells, index, { mode: 'walking', at: MONDAY_10 }).coveredWorkers).toBe(0);
    // Back in service once the suspension ends: counted at 21:00, though its hours ended at 20:00.
    expect(computeCoverage(cells, index, { mode: 'walking', at: MONDAY_21 }).coveredWorkers).toBe(7);
  });

  it('counts only stations open then by their hours when asked (countHours)', () => {
    const index = new NearestIndex();
    index.load([station('day-only', 120, 30, { hours: { open24h: false, weekly: weekdays } })]);
    const cells = [cellAt(0.2, 0, 7)];

    expect(computeCoverage(cells, index, { mode: 'walking', at: MONDAY_10, countHours: true }).coveredWorkers).toBe(7);
    const night = computeCoverage(cells, index, { mode: 'walking', at: MONDAY_21, countHours: true });
    expect(night.coveredWorkers).toBe(0);
    expect(night.uncoveredHotCells).toEqual([{ ...cells[0] }]); // no open station at all: no distance
  });

  it('reports a share of 0 without workers', () => {
    const report = computeCoverage([], new NearestIndex(), { mode: 'walking', at: MONDAY_10 });
    expect(report).toMatchObject({ totalWorkers: 0, coveredWorkers: 0, share: 0, uncoveredHotCells: [] });
  });

  it('works on H3 cells imported from CSV', () => {
    const centre = latLngToCell(30.25, 120.15, 9);
    const [lat, lng] = cellToLatLng(centre);
    const index = new NearestIndex();
    index.load([station('centre', lng, lat)]);
    // The first ring of resolution-9 cells is ~0.35 km away, the fifth ring beyond 1.3 km.
    const near = gridDisk(centre, 1).map((cell) => `${cell},5`);
    const far = gridRing(centre, 5).map((cell) => `${cell},3`);
    const { cells, errors } = parseWorkerDensityCsv(['cell,count', ...near, ...far].join('\n'));

    const report = computeCoverage(cells, index, { mode: 'walking', at: MONDAY_10 });

    expect(errors).toEqual([]);
    expect(report.coveredWorkers).toBe(7 * 5);
    expect(report.totalWorkers).toBe(7 * 5 + 30 * 3);
  });
});

describe('parseWorkerDensityCsv', () => {
  const cellA = latLngToCell(30.25, 120.15, 9);
  const cellB = latLngToCell(30.3, 120.2, 8);

  it('keeps the good lines and reports each bad one with its line number', () => {
    const csv = [
      '\uFEFFcell,count',
      `${cellA},12`,
      'not-a-cell,3',
      `${cellB},-1`,
      '',
      `${cellB.toUpperCase()},4`,
      `${cellA},1,2,3`,
      `${latLngToCell(30, 120, 3)},9`,
      `${latLngToCell(40.7, -74, 9)},9`,
      `${cellA},8\r`,
    ].join('\n');

    const { cells, errors } = parseWorkerDensityCsv(csv);

    expect(cells.map((c) => [c.cell, c.count])).toEqual([
      [cellA, 20],
      [cellB, 4],
    ]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 7, 8, 9]);
    expect(errors[0].reason).toContain('not an H3 cell id');
    expect(errors[1].reason).toContain('non-negative');
    expect(errors[2].reason).toContain('expected 2 fields');
    expect(errors[3].reason).toContain('too coarse');
    expect(errors[4].reason).toContain('outside China');
  });

  it('bins lat,lng,count rows into H3 cells and follows the column order of a header', () => {
    const byHeader = parseWorkerDensityCsv('lng,lat,count\n120.15,30.25,5\n120.15,30.25,6\n30.25,120.15,1');
    expect(byHeader.cells).toEqual([{ cell: cellA, lat: expect.any(Number), lng: expect.any(Number), count: 11 }]);
    expect(byHeader.errors).toEqual([{ line: 4, reason: expect.stringContaining('swapped') }]);

    const headerless = parseWorkerDensityCsv(`30.25,120.15,5\n${cellB},2\nabc,1,2`, { pointResolution: 9 });
    expect(headerless.cells.map((c) => c.cell)).toEqual([cellA, cellB]);
    expect(headerless.errors).toEqual([{ line: 3, reason: expect.stringContaining('lat and lng must be numbers') }]);
  });

  it('reads the Chinese column names a spreadsheet gives (经度, 纬度, 人数)', () => {
    const { cells, errors } = parseWorkerDensityCsv('\uFEFF经度,纬度,人数\r\n120.15,30.25,5\r\n120.15,30.25,6\r\n');
    expect(errors).toEqual([]);
    expect(cells).toEqual([{ cell: cellA, lat: expect.any(Number), lng: expect.any(Number), count: 11 }]);
  });

  it('reports a header it cannot read and still reads the rows', () => {
    const { cells, errors } = parseWorkerDensityCsv(`hexagon,people\n${cellA},3`);
    expect(errors).toEqual([{ line: 1, reason: expect.stringContaining('unrecognised header') }]);
    expect(cells).toHaveLength(1);
  });
});

describe('coverageByChild (drill-down per street or district)', () => {
  it('places each cell in the child of its nearest registered station, and counts it covered only with a station in service in reach', () => {
    const index = new NearestIndex();
    // Street A: an open station at the origin. Street B: a suspended one 6 km east (registered, not serving).
    index.load([station('a', 120, 30), station('b', cellAt(6, 0, 0).lng, 30, { status: 'suspended', suspendedUntil: '2031-01-01T00:00:00Z' })]);
    const placed = [
      { lng: 120, lat: 30, child: '330802001' },
      { lng: cellAt(6, 0, 0).lng, lat: 30, child: '330802002' },
    ];
    const cells = [cellAt(0.5, 0, 100), cellAt(2.5, 0, 40), cellAt(5.5, 0, 60), cellAt(0, 40, 7)];

    const { rows } = coverageByChild(cells, index, placed, { mode: 'ebike', at: MONDAY_10 });

    // B: 60 workers, none covered (its station is suspended; A is 5.5 km away, beyond the 2.9 km reach).
    // A: 100 + 40 workers, all in reach of the station in service. 7 workers 40 km north: no station near, unplaced.
    expect(rows).toEqual([
      { child: '330802002', stations: 1, totalWorkers: 60, coveredWorkers: 0, share: 0 },
      { child: '330802001', stations: 1, totalWorkers: 140, coveredWorkers: 140, share: 1 },
      { child: '', stations: 0, totalWorkers: 7, coveredWorkers: 0, share: 0 },
    ]);
  });

  it('lists a child with stations but no workers, and works with no stations at all', () => {
    const index = new NearestIndex();
    expect(coverageByChild([cellAt(0, 0, 5)], index, [], { mode: 'walking' }).rows).toEqual([{ child: '', stations: 0, totalWorkers: 5, coveredWorkers: 0, share: 0 }]);
    index.load([station('a', 120, 30)]);
    const { rows } = coverageByChild([], index, [{ lng: 120, lat: 30, child: '330802003' }], { mode: 'walking' });
    expect(rows).toEqual([{ child: '330802003', stations: 1, totalWorkers: 0, coveredWorkers: 0, share: 0 }]);
  });
});
