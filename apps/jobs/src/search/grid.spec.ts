import { seededRandom } from '@ws/kernel';
import { cellOf, cellsAround, distanceKm } from './grid';

describe('search grid', () => {
  it('covers every point within the radius by the cells around the centre', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 2000; i++) {
      const centre = { lng: 100 + random() * 20, lat: 20 + random() * 30 };
      const km = 1 + random() * 49;
      const cells = new Set(cellsAround(centre, km));
      const bearing = random() * 2 * Math.PI;
      const d = random() * km;
      const point = { lng: centre.lng + (d * Math.sin(bearing)) / (111.32 * Math.cos((centre.lat * Math.PI) / 180)), lat: centre.lat + (d * Math.cos(bearing)) / 111.32 };
      if (distanceKm(centre, point) <= km) expect(cells.has(cellOf(point))).toBe(true);
      if (distanceKm(centre, point) <= km && km <= 5) expect(cellsAround(centre, km, 0.01)).toContain(cellOf(point, 0.01));
    }
  });

  it('keeps the cell count small for the usual distances', () => {
    expect(cellsAround({ lng: 106.27, lat: 29.97 }, 5).length).toBeLessThanOrEqual(12);
    expect(cellsAround({ lng: 106.27, lat: 29.97 }, 50).length).toBeLessThan(500);
  });
});
