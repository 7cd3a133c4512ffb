import { dispatchConfig } from './dispatch.config';

describe('dispatch config', () => {
  it('refuses to start in production without the volunteers\' token secret', () => {
    const vault = { VAULT_KEY: 'k'.repeat(32) };
    expect(() => dispatchConfig({ NODE_ENV: 'production', ...vault })).toThrow(/VOLUNTEER_TOKEN_SECRET: required in production/);
    expect(dispatchConfig({ NODE_ENV: 'production', ...vault, VOLUNTEER_TOKEN_SECRET: 'v'.repeat(32) }).volunteerTokenSecret).toBe('v'.repeat(32));
  });
});
