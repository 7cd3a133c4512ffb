import { randomUUID } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { eventSubject, type EventEnvelope } from '@ws/contracts';
import type { PlatformConfig } from '@ws/platform';
import { NATS_URL } from './infra';
import { startService } from './service-app';
import type { ServiceHarness } from './service-harness';

export interface ProbeService {
  service: ServiceHarness;
  /** A `probe.note.<id>.Noted` event with `{ text }` on the node's stream, as a relay would publish it; its event id. */
  note(text: string): Promise<string>;
  /** An ops route, as a district officer. */
  call(method: 'GET' | 'POST', url: string): Promise<{ status: number; body: any }>;
  health(): Promise<any>;
  close(): Promise<void>;
}

/**
 * A probe service for the platform's own specs: a PlatformModule with a read model or a reaction
 * of the spec's, fed `Noted` events of the probe context and asked through its ops routes.
 */
export async function startProbeService(name: string, moduleFor: (config: PlatformConfig) => DynamicModule): Promise<ProbeService> {
  const service = await startService(name, moduleFor);
  const nc = await connect({ servers: NATS_URL });
  const officer = await service.token('district_officer');
  return {
    service,
    async note(text) {
      const eventId = randomUUID();
      const envelope: EventEnvelope = {
        eventId, type: 'Noted', schema: 1, streamId: `note-${eventId}`, streamVersion: 1, occurredAt: new Date().toISOString(),
        data: { text }, metadata: { correlationId: eventId, causationId: eventId, node: service.config.node.code },
      };
      await jetstream(nc).publish(eventSubject(service.config.node, 'probe', 'note', eventId, 'Noted'), JSON.stringify(envelope), { msgID: eventId });
      return eventId;
    },
    async call(method, url) {
      const response = await service.app.inject({ method, url, headers: { authorization: `Bearer ${officer}` } });
      return { status: response.statusCode, body: response.json() };
    },
    async health() {
      return (await service.app.inject({ method: 'GET', url: '/health' })).json();
    },
    async close() {
      await nc.close();
      await service.close();
    },
  };
}
