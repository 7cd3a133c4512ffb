import type { StartedTestContainer } from 'testcontainers';

/**
 * The optional Docker path: with TESTCONTAINERS=1 the test run starts its own PostgreSQL 15 and
 * nats-server 2.9 (JetStream) in containers and points PG_URL / NATS_URL at them. Asked for but
 * without a Docker engine that answers, the run stops and says so; never asked, nothing here runs
 * (this machine kind has no Docker engine: tests use the local services).
 */
export function containersRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['1', 'true', 'yes'].includes((env['TESTCONTAINERS'] ?? '').toLowerCase());
}

export interface StartedInfrastructure {
  pgUrl: string;
  natsUrl: string;
  stop(): Promise<void>;
}

export async function startContainers(): Promise<StartedInfrastructure> {
  // Loaded only when asked: the package probes for a Docker engine as it starts.
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch (error) {
    throw new Error(`TESTCONTAINERS=1 but no Docker engine answers (${error instanceof Error ? error.message : String(error)}). Unset it to use PG_URL / NATS_URL.`);
  }
  const started: StartedTestContainer[] = [];
  try {
    const postgres = await new GenericContainer('postgres:15-alpine')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    started.push(postgres);
    const nats = await new GenericContainer('nats:2.9-alpine')
      .withCommand(['-js', '-sd', '/data'])
      .withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start();
    started.push(nats);
    return {
      pgUrl: `postgres://postgres@${postgres.getHost()}:${postgres.getMappedPort(5432)}/postgres`,
      natsUrl: `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`,
      stop: async () => {
        await Promise.all(started.map((c) => c.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((c) => c.stop().catch(() => undefined)));
    throw error;
  }
}
