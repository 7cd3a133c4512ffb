import { DomainError } from '@ws/kernel';
import { isUpstreamApp, upstreamUrl } from './upstream-url';

describe('upstreamUrl', () => {
  const base = 'http://127.0.0.1:4101';

  it('keeps the path and the query as sent', () => {
    expect(upstreamUrl(base, '/api/stations/visits?from=2026-06-01&to=2026-06-07&by=day', 'stations')).toBe(
      'http://127.0.0.1:4101/visits?from=2026-06-01&to=2026-06-07&by=day',
    );
    expect(upstreamUrl(base, '/api/stations/stations/0196%2Dab', 'stations')).toBe('http://127.0.0.1:4101/stations/0196%2Dab');
  });

  it.each(['/api/stations/../admin', '/api/stations/a/%2e%2e/b', '/api/stations/a%2Fb', '/api/stations/%E0%A4%A'])('refuses %s', (url) => {
    expect(() => upstreamUrl(base, url, 'stations')).toThrow(DomainError);
  });

  it('knows the node services and nothing else', () => {
    expect(isUpstreamApp('stations')).toBe(true);
    expect(isUpstreamApp('membership')).toBe(true);
    expect(isUpstreamApp('admin')).toBe(false);
  });
});
