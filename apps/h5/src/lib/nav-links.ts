import { toGcj02, type LngLat } from './coordinates';

export interface NavLink {
  app: string;
  label: string;
  href: string;
}

/**
 * 导航: open the rider's own map app at the station, by each app's URI scheme, with the
 * destination in GCJ-02 (the station is stored in WGS-84). Riding mode: most riders are on an
 * e-bike. Amap's is its universal link (opens the app, or its web page without it).
 */
export function navigationLinks(station: LngLat & { name: string }): NavLink[] {
  const { lng, lat } = toGcj02(station);
  const name = encodeURIComponent(station.name);
  return [
    { app: 'amap', label: '高德', href: `https://uri.amap.com/navigation?to=${lng},${lat},${name}&mode=ride&coordinate=gaode&callnative=1&src=waystation` },
    { app: 'baidu', label: '百度', href: `baidumap://map/direction?destination=latlng:${lat},${lng}|name:${name}&coord_type=gcj02&mode=riding&src=waystation` },
    { app: 'tencent', label: '腾讯', href: `qqmap://map/routeplan?type=bike&to=${name}&tocoord=${lat},${lng}&referer=waystation` },
  ];
}
