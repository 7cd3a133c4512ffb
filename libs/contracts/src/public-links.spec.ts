import { publicOrigin, stationLandingPath } from './public-links';

describe('public links', () => {
  it.each([
    [undefined, 'http://127.0.0.1:4400'],
    ['', 'http://127.0.0.1:4400'],
    ['https://kc.union.example/', 'https://kc.union.example'],
    ['192.168.1.20', 'http://192.168.1.20:4400'],
    ['gh.example:8080', 'http://gh.example:8080'],
  ])('WAYSTATION_PUBLIC_HOST %s gives the origin %s', (value, origin) => {
    expect(publicOrigin(value, 4400)).toBe(origin);
  });

  it('puts a station landing page under /h5/ with its signature', () => {
    expect(stationLandingPath('0196a3b0-0000-7000-8000-000000000000', 'abc_-12')).toBe('/h5/s/0196a3b0-0000-7000-8000-000000000000?k=abc_-12');
  });
});
