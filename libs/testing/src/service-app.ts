import type { NodeRef } from '@ws/contracts';
import { nodeRef } from '@ws/contracts';
import { platformConfig, type PlatformConfig } from '@ws/platform';
import { createTestDatabase, NATS_URL, PG_URL, testNodeCode, type TestDatabase } from './infra';
import { type ModuleFor, ServiceHarness } from './service-harness';

/** A platform config of its own for one test: synthetic node, fresh database, unique stream names. */
export async function testPlatformConfig(service: string): Promise<{ config: PlatformConfig; database: TestDatabase }> {
  const database = await createTestDatabase(service);
  const code = testNodeCode();
  const base = platformConfig(service, { NODE_CODE: code, PG_URL, NATS_URL, THROTTLE_PER_MINUTE: '100000', LOG_LEVEL: 'silent' });
  return {
    database,
    config: { ...base, node: nodeRef(code), database: database.name, streams: { evt: `EVT_${code}`, dir: `DIR_${code}` } },
  };
}

export interface StartServiceOptions {
  /**
   * A nats-server of the test's own (a federation's node): the service is that node, on the
   * server's plain EVT and DIR streams, which go with the server. By default the shared
   * nats-server, a synthetic node and streams of the harness's own, removed by close().
   */
  nats?: { url: string; node: NodeRef };
}

/**
 * Starts `service` in-process on a ServiceHarness (its own database; see there); a service that
 * fails to start leaves no database behind.
 */
export async function startService<Database = any>(service: string, moduleFor: ModuleFor, options: StartServiceOptions = {}): Promise<ServiceHarness<Database>> {
  const { config: own, database } = await testPlatformConfig(service);
  const config: PlatformConfig = options.nats ? { ...own, node: options.nats.node, natsUrl: options.nats.url, streams: { evt: 'EVT', dir: 'DIR' } } : own;
  const harness = new ServiceHarness<Database>(config, database, moduleFor);
  await harness.start().catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  return harness;
}

export * from './service-harness';
export * from './probe-service';
