import gcoord from 'gcoord';
import { placeFromQuery, toGcj02, toWgs84 } from './coordinates';
import { navigationLinks } from './nav-links';

describe('navigation links and coordinates', () => {
  const station = { name: '柯城区文昌社区驿站', lng: 118.873, lat: 28.936 };

  it('sends every map app the station in GCJ-02, not the stored WGS-84', () => {
    const [lng, lat] = gcoord.transform([station.lng, station.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(Math.abs(lng - station.lng) + Math.abs(lat - station.lat)).toBeGreaterThan(0.003); // the offset is hundreds of metres
    const links = navigationLinks(station);
    const gcj = toGcj02(station);
    expect(links.map((l) => l.app)).toEqual(['amap', 'baidu', 'tencent']);
    expect(links[0]!.href).toContain(`to=${gcj.lng},${gcj.lat},${encodeURIComponent(station.name)}`);
    expect(links[0]!.href).toContain('coordinate=gaode');
    expect(links[1]!.href).toMatch(/^baidumap:\/\/map\/direction\?destination=latlng:/);
    expect(links[1]!.href).toContain(`latlng:${gcj.lat},${gcj.lng}|`);
    expect(links[1]!.href).toContain('coord_type=gcj02');
    expect(links[2]!.href).toContain(`tocoord=${gcj.lat},${gcj.lng}`);
    expect(Math.abs(gcj.lng - lng)).toBeLessThan(1e-6);
  });

  it('brings a GCJ-02 place back to WGS-84 for the API, within a metre', () => {
    const back = toWgs84(toGcj02(station));
    expect(Math.abs(back.lng - station.lng)).toBeLessThan(1e-5);
    expect(Math.abs(back.lat - station.lat)).toBeLessThan(1e-5);
    expect(placeFromQuery({ lng: String(toGcj02(station).lng), lat: String(toGcj02(station).lat), coord: 'gcj02' })).toEqual(back);
    expect(placeFromQuery({ lng: '118.873', lat: '28.936' })).toEqual({ lng: 118.873, lat: 28.936 });
    expect(placeFromQuery({ lng: 'x', lat: '28' })).toBeUndefined();
    expect(placeFromQuery({ lng: '10', lat: '28' })).toBeUndefined();
  });
});
