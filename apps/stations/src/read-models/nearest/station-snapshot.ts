import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import { hasStatusAndFacilities, keepsHoursOf, type ServingFilter, type StationEntry } from './station-entry';

const KM_PER_DEGREE = (6371 * Math.PI) / 180; // geokdbush's earth radius
const RAD = Math.PI / 180;
// Relative slack so a "beyond the radius" point is beyond it in geokdbush's own metric too.
const BEYOND_RADIUS_SLACK = 1 + 1e-9;
// The flat-earth estimate below is within a percent or two of the great-circle distance at
// tens of kilometres; well inside the radius it is trusted, near the edge the exact one decides.
const SURELY_INSIDE_SHARE = 0.95;

/**
 * A static k-d tree over the stations as they were at the last rebuild.
 *
 * What the filter reads first (position, status, facilities, retired) sits in flat typed arrays
 * indexed like the tree's ids: a search touches thousands of candidates, and reading them from
 * station objects scattered over the heap costs a cache miss each, several times the arithmetic.
 */
export class StationSnapshot {
  private readonly tree: KDBush | undefined;
  private readonly positions: Float64Array; // lng, lat per entry
  private readonly servingFromMs: Float64Array;
  private readonly facilityMasks: Int32Array;
  private readonly retired: Uint8Array;

  constructor(private readonly entries: readonly StationEntry[]) {
    const count = entries.length;
    this.positions = new Float64Array(2 * count);
    this.servingFromMs = new Float64Array(count);
    this.facilityMasks = new Int32Array(count);
    this.retired = new Uint8Array(count);
    entries.forEach((entry, i) => {
      entry.snapshotSlot = i;
      this.positions[2 * i] = entry.station.lng;
      this.positions[2 * i + 1] = entry.station.lat;
      this.servingFromMs[i] = entry.servingFromMs;
      this.facilityMasks[i] = entry.facilityMask;
    });
    if (count === 0) return;
    const tree = new KDBush(count);
    for (let i = 0; i < count; i++) tree.add(this.positions[2 * i], this.positions[2 * i + 1]);
    this.tree = tree.finish();
  }

  /** Hides an entry from searches (replaced or removed since the build); false if not here. */
  retire(entry: StationEntry): boolean {
    const slot = entry.snapshotSlot;
    if (this.entries[slot] !== entry || this.retired[slot] === 1) return false;
    this.retired[slot] = 1;
    return true;
  }

  /**
   * Up to maxResults entries serving under the filter within maxKm, nearest first.
   *
   * geokdbush checks the radius only on points it pops from its queue, never on tree nodes: when
   * the filter rejects every nearby point, it would walk the whole tree. So the predicate also lets
   * through points beyond the radius; geokdbush stops at the first such point it pops (returning
   * it is impossible), which bounds the walk to the nodes that reach into the radius. Only letting
   * a point through must be exact; keeping one out is always safe, so a cheap estimate does that.
   */
  around(lng: number, lat: number, maxResults: number, maxKm: number, filter: ServingFilter): StationEntry[] {
    if (!this.tree) return [];
    const { entries, positions, servingFromMs, facilityMasks, retired } = this;
    const beyondKm = maxKm * BEYOND_RADIUS_SLACK;
    const beyondDegreesOfLatitude = beyondKm / KM_PER_DEGREE;
    const surelyInsideDegrees = (maxKm * SURELY_INSIDE_SHARE) / KM_PER_DEGREE;
    const surelyInsideSquared = surelyInsideDegrees * surelyInsideDegrees;
    const cosLat = Math.cos(lat * RAD);

    const ids = around(this.tree, lng, lat, maxResults, maxKm, (i) => {
      if (
        retired[i] === 0 &&
        hasStatusAndFacilities(servingFromMs[i], facilityMasks[i], filter) &&
        keepsHoursOf(entries[i].openingIntervals, filter)
      ) {
        return true;
      }
      const pointLng = positions[2 * i];
      const pointLat = positions[2 * i + 1];
      const dLat = pointLat - lat;
      if (Math.abs(dLat) > beyondDegreesOfLatitude) return true; // a latitude gap alone is a lower bound
      const dLng = (pointLng - lng) * cosLat;
      if (dLat * dLat + dLng * dLng < surelyInsideSquared) return false;
      return distance(lng, lat, pointLng, pointLat) > beyondKm;
    });
    return ids.map((i) => entries[i]);
  }
}
