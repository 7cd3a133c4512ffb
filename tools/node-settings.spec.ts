import { DEFAULT_DEMO_SCALE } from './node-demo';
import { launchSettings } from './node-settings';

const ARGS = { topology: 'federation', 'first-slot': '0', 'db-prefix': '' };

describe('launchSettings', () => {
  it('gives npm start the six nodes on 4100-4699, its own databases and the default demo', () => {
    const settings = launchSettings(ARGS, {});
    expect(settings.federation.topology.map((n) => n.slot)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(settings.federation.databasePrefix).toBe('');
    expect(settings.federation.poolPerService).toBe(1);
    expect(settings.demo).toEqual(DEFAULT_DEMO_SCALE);
    expect(settings.checkinsPerSecond).toBe(2);
    expect(settings.federation.profile).toBe('compact');
  });

  it('runs each service in its own process when asked (--profile, or WS_NODE_PROFILE)', () => {
    expect(launchSettings({ ...ARGS, profile: 'separate' }, {}).federation.profile).toBe('separate');
    expect(launchSettings(ARGS, { WS_NODE_PROFILE: 'separate' }).federation.profile).toBe('separate');
    expect(launchSettings({ ...ARGS, profile: 'compact' }, { WS_NODE_PROFILE: 'separate' }).federation.profile).toBe('compact');
  });

  it('takes a second federation beside it: another block, a database prefix, no trickles', () => {
    const settings = launchSettings(
      { topology: 'chain', 'first-slot': '150', 'db-prefix': 't1_' },
      { DEMO_CHECKINS_PER_SECOND: '0', DEMO_WISH_EVERY_MS: '0', DEMO_WISHES_SCALE: '0.1', PG_POOL_MAX: '2' },
    );
    expect(settings.federation.topology.map((n) => `${n.code}@${n.slot}`)).toEqual(['33@150', '3308@151', '330802@152']);
    expect(settings.federation).toMatchObject({ databasePrefix: 't1_', poolPerService: 2 });
    expect(settings).toMatchObject({ checkinsPerSecond: 0, wishEveryMs: 0 });
    expect(settings.demo.wishes).toBe(0.1);
  });

  it.each([
    [{ ...ARGS, topology: 'ring' }, {}, /--topology/],
    [{ ...ARGS, 'db-prefix': 'Drop;' }, {}, /--db-prefix/],
    [ARGS, { DEMO_MEMBERS_SCALE: 'lots' }, /DEMO_MEMBERS_SCALE/],
    [ARGS, { DEMO_VISITS_SCALE: '-1' }, /DEMO_VISITS_SCALE/],
    [{ ...ARGS, profile: 'one-big-process' }, {}, /--profile/],
  ])('refuses %j %j', (args, env, message) => {
    expect(() => launchSettings(args, env)).toThrow(message);
  });
});
