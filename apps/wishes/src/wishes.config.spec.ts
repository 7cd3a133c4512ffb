import { DEFAULT_WISH_POLICY } from './wish/wish-policy';
import { wishesConfig } from './wishes.config';

describe('wishes config', () => {
  it('reads numbers from the environment\'s strings and scales the policy', () => {
    const config = wishesConfig({ WISHES_DEADLINE_SCALE: '0.5', WISHES_SWEEP_MS: '500' });
    expect(config.sweepIntervalMs).toBe(500);
    expect(config.policy.completionMs.repair).toBe(DEFAULT_WISH_POLICY.completionMs.repair / 2);
  });

  it('refuses a short vault key', () => {
    expect(() => wishesConfig({ WISHES_VAULT_KEY: 'short' })).toThrow(/WISHES_VAULT_KEY/);
  });
});
