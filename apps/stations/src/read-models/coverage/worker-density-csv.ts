import { isInsideChina } from '@ws/contracts';
import type * as H3 from 'h3-js';

/**
 * h3-js holds a 32 MB emscripten heap from the moment it loads (a tenth of a compact node):
 * it is loaded by the first heat-map import, not when the service starts.
 */
let h3Module: typeof H3 | undefined;
const h3 = (): typeof H3 => (h3Module ??= require('h3-js') as typeof H3);

/** Workers counted in one H3 cell of an imported heat map (热力图). */
export interface WorkerDensityCell {
  cell: string;
  lat: number; // cell centre
  lng: number;
  count: number;
}

export interface CsvLineError {
  line: number; // 1-based, as an editor shows it
  reason: string;
}

export interface WorkerDensityImport {
  cells: WorkerDensityCell[];
  errors: CsvLineError[];
}

export interface WorkerDensityCsvOptions {
  /** The H3 resolution `lat,lng,count` rows are binned into. */
  pointResolution?: number;
}

const DEFAULT_POINT_RESOLUTION = 9;
// A coarser cell is wider than a walking reach, so judging it by its centre says little.
const COARSEST_CELL_RESOLUTION = 7;

type Layout = { kind: 'cell'; cell: number; count: number } | { kind: 'point'; lat: number; lng: number; count: number };

const BY_CELL: Layout = { kind: 'cell', cell: 0, count: 1 };
const BY_POINT: Layout = { kind: 'point', lat: 0, lng: 1, count: 2 };
const COLUMN_NAMES: Record<string, 'cell' | 'lat' | 'lng' | 'count'> = {
  cell: 'cell',
  h3: 'cell',
  lat: 'lat',
  latitude: 'lat',
  lng: 'lng',
  lon: 'lng',
  longitude: 'lng',
  count: 'count',
  workers: 'count',
  // As an officer's spreadsheet (Excel, WPS) names them.
  网格: 'cell',
  网格编号: 'cell',
  纬度: 'lat',
  经度: 'lng',
  人数: 'count',
  劳动者: 'count',
  劳动者数: 'count',
  数量: 'count',
};

/**
 * Reads `cell,count` rows (H3 cell ids) or `lat,lng,count` rows (binned into H3 cells), with or
 * without a header; a header may name the columns in any order. A bad line is reported with its
 * line number and skipped, so it costs nothing but itself. Counts of the same cell are summed.
 */
export function parseWorkerDensityCsv(text: string, options: WorkerDensityCsvOptions = {}): WorkerDensityImport {
  const pointResolution = options.pointResolution ?? DEFAULT_POINT_RESOLUTION;
  const byCell = new Map<string, WorkerDensityCell>();
  const errors: CsvLineError[] = [];
  let headerLayout: Layout | undefined;
  let seenContent = false;

  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (raw.trim() === '') return;
      const fields = raw.split(',').map((field) => field.trim().replace(/^"(.*)"$/, '$1'));
      if (!seenContent) {
        seenContent = true;
        if (looksLikeHeader(fields)) {
          const layout = layoutFromHeader(fields);
          if (layout) headerLayout = layout;
          else errors.push({ line, reason: `unrecognised header "${raw.trim()}": expected cell,count or lat,lng,count` });
          return;
        }
      }
      const parsed = parseRow(fields, headerLayout, pointResolution);
      if (typeof parsed === 'string') {
        errors.push({ line, reason: parsed });
        return;
      }
      const existing = byCell.get(parsed.cell);
      if (existing) existing.count += parsed.count;
      else byCell.set(parsed.cell, parsed);
    });

  return { cells: [...byCell.values()], errors };
}

function looksLikeHeader(fields: string[]): boolean {
  return fields.some((field) => field !== '' && Number.isNaN(Number(field)) && !h3().isValidCell(field.toLowerCase()));
}

function layoutFromHeader(fields: string[]): Layout | undefined {
  const roles = fields.map((field) => COLUMN_NAMES[field.toLowerCase()]);
  const column = (role: string) => roles.indexOf(role as (typeof roles)[number]);
  if (fields.length === 2 && column('cell') >= 0 && column('count') >= 0) {
    return { kind: 'cell', cell: column('cell'), count: column('count') };
  }
  if (fields.length === 3 && column('lat') >= 0 && column('lng') >= 0 && column('count') >= 0) {
    return { kind: 'point', lat: column('lat'), lng: column('lng'), count: column('count') };
  }
  return undefined;
}

/** The cell of a row, or why the row is unusable. */
function parseRow(fields: string[], header: Layout | undefined, pointResolution: number): WorkerDensityCell | string {
  const layout = header ?? (fields.length === 2 ? BY_CELL : fields.length === 3 ? BY_POINT : undefined);
  const expected = layout === undefined ? undefined : layout.kind === 'cell' ? 2 : 3;
  if (layout === undefined || fields.length !== expected) {
    return `expected ${expected ?? '2 (cell,count) or 3 (lat,lng,count)'} fields, got ${fields.length}`;
  }
  const count = parseNumber(fields[layout.count]);
  if (count === undefined || count < 0) return `count must be a non-negative number, got "${fields[layout.count]}"`;

  if (layout.kind === 'cell') {
    const cell = fields[layout.cell].toLowerCase();
    if (!h3().isValidCell(cell)) return `not an H3 cell id: "${fields[layout.cell]}"`;
    if (h3().getResolution(cell) < COARSEST_CELL_RESOLUTION) {
      return `H3 resolution ${h3().getResolution(cell)} is too coarse, use ${COARSEST_CELL_RESOLUTION} or finer`;
    }
    const [lat, lng] = h3().cellToLatLng(cell);
    if (!isInsideChina({ lng, lat })) return `cell ${cell} lies outside China`;
    return { cell, lat, lng, count };
  }

  const lat = parseNumber(fields[layout.lat]);
  const lng = parseNumber(fields[layout.lng]);
  if (lat === undefined || lng === undefined) return `lat and lng must be numbers, got "${fields[layout.lat]}", "${fields[layout.lng]}"`;
  if (!isInsideChina({ lng, lat })) return `point ${lat},${lng} lies outside China (lat and lng swapped?)`;
  const cell = h3().latLngToCell(lat, lng, pointResolution);
  const [cellLat, cellLng] = h3().cellToLatLng(cell);
  return { cell, lat: cellLat, lng: cellLng, count };
}

function parseNumber(field: string): number | undefined {
  if (field === '') return undefined;
  const value = Number(field);
  return Number.isFinite(value) ? value : undefined;
}
