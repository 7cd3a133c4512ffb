import gcoord from 'gcoord';
import type { GeoPoint } from '@ws/contracts';

export interface NavigationLink {
  app: 'amap' | 'baidu' | 'tencent';
  label: string;
  href: string;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** Chinese map apps take GCJ-02; the service keeps WGS-84 (as the worker pages convert, with gcoord). */
export function toGcj02(point: GeoPoint): GeoPoint {
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { lng: round(lng), lat: round(lat) };
}

/**
 * 导航: the rider's own map app at the place of work, by each app's URI scheme, riding mode (the
 * same links the worker pages give for a station). Amap's is a universal link: the app, or its web page.
 */
export function navigationLinks(point: GeoPoint, name: string): { gcj02: GeoPoint; links: NavigationLink[] } {
  const gcj02 = toGcj02(point);
  const { lng, lat } = gcj02;
  const label = encodeURIComponent(name);
  return {
    gcj02,
    links: [
      { app: 'amap', label: '高德', href: `https://uri.amap.com/navigation?to=${lng},${lat},${label}&mode=ride&coordinate=gaode&callnative=1&src=waystation` },
      { app: 'baidu', label: '百度', href: `baidumap://map/direction?destination=latlng:${lat},${lng}|name:${label}&coord_type=gcj02&mode=riding&src=waystation` },
      { app: 'tencent', label: '腾讯', href: `qqmap://map/routeplan?type=bike&to=${label}&tocoord=${lat},${lng}&referer=waystation` },
    ],
  };
}
