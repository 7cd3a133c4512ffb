import { dashboardConfig } from './dashboard-config';

describe('dashboardConfig', () => {
  it('reads numbers from environment strings and derives the services from the port block', () => {
    const config = dashboardConfig({ NODE_CODE: '3308', HTTP_PORT: '4200', LIVE_FEED_SIZE: '12' });
    expect(config.node).toMatchObject({ code: '3308', level: 'city', name: '衢州市' });
    expect(config.http.port).toBe(4200);
    expect(config.liveFeedSize).toBe(12);
    expect(config.upstreams).toEqual({
      stations: 'http://127.0.0.1:4201',
      membership: 'http://127.0.0.1:4202',
      wishes: 'http://127.0.0.1:4203',
      dispatch: 'http://127.0.0.1:4204',
      identity: 'http://127.0.0.1:4205',
      notify: 'http://127.0.0.1:4206',
      jobs: 'http://127.0.0.1:4207',
    });
  });

  it('checks its nats-server with NATS_CA_FILE, which production requires and which must name a file', () => {
    expect(dashboardConfig({ NATS_CA_FILE: __filename }).natsCaFile).toBe(__filename);
    expect(dashboardConfig({}).natsCaFile).toBeUndefined();
    expect(() => dashboardConfig({ NODE_ENV: 'production' })).toThrow(/NATS_CA_FILE: required in production/);
    expect(() => dashboardConfig({ NATS_CA_FILE: `${__filename}.missing` })).toThrow(/NATS_CA_FILE: no file at/);
  });

  it('takes explicit service URLs and dashboard links', () => {
    const config = dashboardConfig({
      NODE_CODE: '33',
      STATIONS_URL: 'http://10.0.0.2:3001/',
      DISPATCH_URL: 'http://10.0.0.2:3004',
      CHILD_DASHBOARDS: '3308=http://10.0.0.3:4200',
    });
    expect(config.upstreams.stations).toBe('http://10.0.0.2:3001');
    expect(config.upstreams.dispatch).toBe('http://10.0.0.2:3004');
    expect(config.children).toEqual([{ code: '3308', name: '衢州市', url: 'http://10.0.0.3:4200' }]);
    expect(config.parent).toBeUndefined();
  });

  it('finds identity and jobs in its port block, and knows its public origin', () => {
    expect(dashboardConfig({ HTTP_PORT: '4400' }).upstreams.identity).toBe('http://127.0.0.1:4405');
    expect(dashboardConfig({ HTTP_PORT: '4400' }).upstreams.jobs).toBe('http://127.0.0.1:4407');
    expect(dashboardConfig({ HTTP_PORT: '4400' }).publicOrigin).toBe('http://127.0.0.1:4400');
    const config = dashboardConfig({ HTTP_PORT: '4400', IDENTITY_URL: 'http://10.0.0.2:3005', WAYSTATION_PUBLIC_HOST: 'https://kc.union.example/' });
    expect(config.upstreams.identity).toBe('http://10.0.0.2:3005');
    expect(config.publicOrigin).toBe('https://kc.union.example');
  });

  it('refuses a port that is not a number', () => {
    expect(() => dashboardConfig({ HTTP_PORT: 'eighty' })).toThrow(/HTTP_PORT/);
  });
});
