import type { GeoPoint } from '@ws/contracts';

/**
 * The search index's cells: a plain lng/lat grid of 0.05° (≈5.5 km north–south, ≈4.8 km east–west
 * at Chongqing's latitude), one integer per cell, so "postings within r km" is a btree look-up of
 * the few cells around the point (r = 5 km: 9–12 cells, r = 50 km: ≈ 400) before the exact
 * distance. No spatial extension needed in Postgres; h3 would cost a 32 MB wasm heap per process.
 */
export const CELL_DEG = 0.05;
/**
 * A second, finer grid (0.01°, about 1 km) for the short distances most searches are: where work
 * is dense, a 0.05° cell holds a thousand postings, all measured for a 1.5 km ring.
 */
export const FINE_CELL_DEG = 0.01;
/** Up to this distance the fine cells are searched (≈ 120 of them at 5 km), beyond it the coarse. */
export const FINE_GRID_MAX_KM = 5;
const KM_PER_DEG_LAT = 111.32;

export function cellOf(point: GeoPoint, size = CELL_DEG): number {
  return column(point.lng, size) * rows(size) + row(point.lat, size);
}

export function fineCellOf(point: GeoPoint): number {
  return cellOf(point, FINE_CELL_DEG);
}

/** Every cell that a circle of `km` around `point` touches (its bounding box). */
export function cellsAround(point: GeoPoint, km: number, size = CELL_DEG): number[] {
  const dLat = km / KM_PER_DEG_LAT;
  const dLng = km / (KM_PER_DEG_LAT * Math.max(0.01, Math.cos((point.lat * Math.PI) / 180)));
  const cells: number[] = [];
  for (let x = column(point.lng - dLng, size); x <= column(point.lng + dLng, size); x++) {
    for (let y = row(point.lat - dLat, size); y <= row(point.lat + dLat, size); y++) cells.push(x * rows(size) + y);
  }
  return cells;
}

/** Great-circle distance in km (haversine), as the SQL of the search computes it. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function rows(size: number): number {
  return Math.ceil(180 / size) + 1;
}

function column(lng: number, size: number): number {
  return Math.floor((lng + 180) / size);
}

function row(lat: number, size: number): number {
  return Math.floor((lat + 90) / size);
}
