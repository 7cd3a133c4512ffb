import { isValidStationLink, signStationLink, stationLinkConfig, stationLinkUrl } from './station-link';

describe('station links', () => {
  const secret = 'a'.repeat(40);
  const id = '0196a3b0-0000-7000-8000-000000000001';

  it('accepts the node’s own signature and nothing else', () => {
    const signature = signStationLink(secret, '330802', id);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(isValidStationLink(secret, '330802', id, signature)).toBe(true);
    expect(isValidStationLink(secret, '330802', '0196a3b0-0000-7000-8000-000000000002', signature)).toBe(false);
    expect(isValidStationLink(secret, '330424', id, signature)).toBe(false);
    expect(isValidStationLink('b'.repeat(40), '330802', id, signature)).toBe(false);
    expect(isValidStationLink(secret, '330802', id, `${signature.slice(0, 15)}${signature.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(isValidStationLink(secret, '330802', id, undefined)).toBe(false);
    expect(isValidStationLink(secret, '330802', id, 'short')).toBe(false);
  });

  it('prints the landing page under /h5/ of the origin', () => {
    expect(stationLinkUrl('https://kc.example', secret, '330802', id)).toBe(`https://kc.example/h5/s/${id}?k=${signStationLink(secret, '330802', id)}`);
  });

  it('requires a secret in production and makes a throw-away one in development', () => {
    expect(() => stationLinkConfig({ NODE_ENV: 'production' })).toThrow(/STATION_LINK_SECRET/);
    expect(() => stationLinkConfig({ STATION_LINK_SECRET: 'short' })).toThrow(/at least 32/);
    const warnings: string[] = [];
    const dev = stationLinkConfig({}, (line) => warnings.push(line));
    expect(dev.secret).toHaveLength(64);
    expect(warnings[0]).toMatch(/random secret/);
    expect(stationLinkConfig({ STATION_LINK_SECRET: secret, WAYSTATION_PUBLIC_HOST: 'https://kc.example/' })).toEqual({ secret, publicOrigin: 'https://kc.example' });
  });
});
