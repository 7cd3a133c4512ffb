import { densityCsv, workerDensity } from './demo-coverage';
import { planStations, profileOf } from './demo-data';
import { demoNotice } from './demo-notices';

/** Straight-line distance in km (equirectangular; fine at a district's scale). */
function km(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const x = (a.lng - b.lng) * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180)) * 111.32;
  const y = (a.lat - b.lat) * 110.57;
  return Math.hypot(x, y);
}

describe('the demo heat map', () => {
  const district = '330802';
  const points = workerDensity(district, 1);
  const stations = planStations(district, 1).map((plan) => plan.body.location);

  it('is the same on every run and holds about the district’s workers', () => {
    expect(workerDensity(district, 1)).toEqual(points);
    const workers = points.reduce((sum, p) => sum + p.count, 0);
    expect(workers).toBeGreaterThan(profileOf(district).workers * 0.8);
    expect(workers).toBeLessThan(profileOf(district).workers * 1.2);
  });

  it('has workers beyond a 15-minute e-bike reach of every station: the coverage gaps', () => {
    const reachKm = (15 * 15) / 60 / 1.3; // 15 km/h for 15 minutes, detour factor 1.3
    const uncovered = points.filter((p) => stations.every((s) => km(p, s) > reachKm));
    expect(uncovered.length).toBeGreaterThan(10);
    expect(uncovered.length).toBeLessThan(points.length / 5);
  });

  it('writes lat,lng,count rows under a header', () => {
    const lines = densityCsv(points.slice(0, 2)).split('\n');
    expect(lines[0]).toBe('lat,lng,count');
    expect(lines[1]).toMatch(/^\d+\.\d{5},\d+\.\d{5},\d+$/);
  });

  it('posts a public notice (公示) at two stations in three, each with a public hotline, never a mobile', () => {
    const plans = planStations(district, 1);
    const notices = plans.map((plan, i) => demoNotice({ id: String(i), tier: plan.body.tier, hours: plan.body['hours'] as { open24h: true } }, i, district));
    const posted = notices.filter((notice) => notice !== null);
    expect(posted.length).toBeGreaterThanOrEqual(Math.floor((plans.length * 2) / 3));
    expect(posted.length).toBeLessThan(plans.length);
    for (const notice of posted) expect(notice.hotline).toMatch(/^(12351|0570-\d{8})$/);
    expect(posted.some((notice) => notice.partners.length > 0)).toBe(true);
  });
});
