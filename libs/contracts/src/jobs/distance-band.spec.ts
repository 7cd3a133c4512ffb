import { distanceBand } from './events';

describe('distanceBand', () => {
  it('puts a distance in the smallest band that holds it, the last band beyond', () => {
    expect([0, 1, 1.01, 3, 4.9, 10, 10.5, 50, 80].map(distanceBand)).toEqual(['1km', '1km', '3km', '3km', '5km', '10km', '20km', '50km', '50km']);
  });
});
