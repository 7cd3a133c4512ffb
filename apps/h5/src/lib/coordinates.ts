import gcoord from 'gcoord';

/**
 * The services keep WGS-84 (what a phone's GPS and the browser's geolocation give); Chinese map
 * apps and their SDKs take and give GCJ-02. Converted at the edge, both ways, with gcoord.
 */
export interface LngLat {
  lng: number;
  lat: number;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

export function toGcj02(point: LngLat): LngLat {
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { lng: round(lng), lat: round(lat) };
}

export function toWgs84(point: LngLat): LngLat {
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lng: round(lng), lat: round(lat) };
}

/**
 * A place handed to the page in its address (a union's WeChat menu or a map app opening
 * /h5/nearby?lng=&lat=&coord=gcj02): in WGS-84 for the API, or undefined when there is none.
 */
export function placeFromQuery(query: Record<string, unknown>): LngLat | undefined {
  const lng = Number(query['lng']);
  const lat = Number(query['lat']);
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || lng < 73 || lng > 136 || lat < 3 || lat > 54) return undefined;
  return query['coord'] === 'gcj02' ? toWgs84({ lng, lat }) : { lng, lat };
}

/** Great-circle distance in km (for the drawing's scale; the API gives each station's own). */
export function distanceKm(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
