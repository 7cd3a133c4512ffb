import type { StartedInfrastructure } from './containers';

/** Stops the containers global-setup started (TESTCONTAINERS=1); nothing otherwise. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __WS_INFRA__?: StartedInfrastructure }).__WS_INFRA__?.stop();
}
