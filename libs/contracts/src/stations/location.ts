/** A WGS-84 point (GPS), not GCJ-02: map SDKs in China return GCJ-02 and must convert first. */
export interface GeoPoint {
  lng: number;
  lat: number;
}

/**
 * A bounding box around mainland China and Hainan. It catches swapped or zeroed coordinates and
 * points abroad; it is a box, so a point in a neighbouring country inside it still passes.
 */
export const CHINA_BOUNDS = { minLng: 73.5, maxLng: 135.1, minLat: 18.1, maxLat: 53.6 } as const;

export function isInsideChina(point: GeoPoint): boolean {
  const { lng, lat } = point;
  return (
    Number.isFinite(lng) &&
    Number.isFinite(lat) &&
    lng >= CHINA_BOUNDS.minLng &&
    lng <= CHINA_BOUNDS.maxLng &&
    lat >= CHINA_BOUNDS.minLat &&
    lat <= CHINA_BOUNDS.maxLat
  );
}
