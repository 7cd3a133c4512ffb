import { PG_URL } from '@ws/testing';
import { checkPostgresCapacity } from './node-runtime';
import { FederationSettings } from './node-services';
import { FEDERATION } from './topology';

const settings = (poolPerService: number): FederationSettings => ({ topology: FEDERATION, pgUrl: PG_URL, databasePrefix: 'unused_', poolPerService, profile: 'compact' });

describe('the launcher’s Postgres check (the server on PG_URL)', () => {
  it('refuses to start a federation whose connections exceed max_connections less the reserved slots', async () => {
    // 6 nodes × their services × 10 000 pooled connections: more than any server allows.
    await expect(checkPostgresCapacity(settings(10_000), FEDERATION, () => undefined)).rejects.toThrow(/not enough Postgres connections: this launch needs up to \d+ .*max_connections \d+ − \d+ reserved/);
  });

  it('lets npm start’s six nodes start', async () => {
    await expect(checkPostgresCapacity(settings(1), FEDERATION, () => undefined)).resolves.toBeUndefined();
  });
});
