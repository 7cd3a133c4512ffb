import { jetstream } from '@ws/testing/nats';
import { connect } from '@ws/testing/nats';
import { Kysely, sql } from 'kysely';
import { type EventEnvelope, eventSubject } from '@ws/contracts';
import { eventHeaders } from '@ws/eventstore';
import { newId } from '@ws/kernel';
import { JetStreamPublisher } from '@ws/messaging';
import type { Role } from '@ws/kernel';
import { DB, OutboxRelayService } from '@ws/platform';
import type { MembershipDatabase } from '../db/database';
import { Logger as PinoLogger } from 'nestjs-pino';
import { startTestService, type TestServiceApp } from '@ws/testing/service-app';
import { MembershipModule } from '../membership.module';
import type { MembershipConfig } from '../membership-config';
import { syntheticPerson } from '../demo/synthetic-people';

export interface MembershipTestApp extends TestServiceApp {
  request(method: 'GET' | 'POST', url: string, payload?: unknown, token?: string, headers?: Record<string, string>): Promise<{
    statusCode: number;
    headers: Record<string, unknown>;
    json(): any;
    body: string;
  }>;
  officer(role?: Role, extra?: { street?: string; station?: string; node?: string }): Promise<string>;
  /** Raw SQL against the service's own database, for assertions on what is stored. */
  db: { raw<R>(statement: string): Promise<{ rows: R[] }> };
  /** Publishes every committed outbox row now. */
  drainOutbox(): Promise<void>;
  createUnion(token: string, body?: Record<string, unknown>): Promise<string>;
  /** Publishes another service's event on this node's EVT stream, as that service's relay would. */
  publishForeign(context: string, aggregate: string, type: string, data: unknown): Promise<string>;
}

/** The membership service in-process against real Postgres and NATS, with request helpers. */
export async function startMembership(options: { logLevel?: string; lookupPerMinute?: number; joinMobileCode?: boolean; membership?: Partial<MembershipConfig> } = {}): Promise<MembershipTestApp> {
  const service = await startTestService('membership', (config) =>
    MembershipModule.forRoot({
      config: { ...config, logLevel: options.logLevel ?? config.logLevel },
      membership: { lookupPerMinute: options.lookupPerMinute ?? 1000, pointsPerVolunteerHour: 10, pointsPerCheckin: 1, joinMobileCode: options.joinMobileCode ?? false,
        applicationsPerPersonPerHour: 1000, lookupWrongLimit: 1000, lookupLockMinutes: 15, checkinPointsPerDay: 100, ...options.membership },
    }),
  );
  if (options.logLevel) service.app.useLogger(service.app.get(PinoLogger));
  const request: MembershipTestApp['request'] = async (method, url, payload, token, headers = {}) =>
    service.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
  return {
    ...service,
    request,
    officer: (role = 'district_officer', extra = {}) => service.token(role, extra),
    db: { raw: (statement) => sql.raw(statement).execute(service.app.get<Kysely<MembershipDatabase>>(DB)) as never },
    drainOutbox: () => service.app.get(OutboxRelayService).relay.drain(),
    async publishForeign(context, aggregate, type, data) {
      const eventId = newId();
      const id = newId();
      const envelope: EventEnvelope = {
        eventId,
        type,
        schema: 1,
        streamId: `${aggregate}-${id}`,
        streamVersion: null,
        occurredAt: new Date().toISOString(),
        data,
        metadata: { correlationId: eventId, causationId: eventId, node: service.config.node.code, actor: 'system' },
      };
      const nc = await connect({ servers: service.config.natsUrl });
      await new JetStreamPublisher(jetstream(nc)).publishBatch([
        { eventId, subject: eventSubject(service.config.node, context, aggregate, id, type), headers: eventHeaders(envelope), payload: JSON.stringify(envelope) },
      ]);
      await nc.close();
      return eventId;
    },
    async createUnion(token, body = {}) {
      const response = await request('POST', '/unions', { name: '柯城区外卖配送行业联合工会', kind: 'joint', occupations: ['rider'], ...body }, token);
      if (response.statusCode !== 201) throw new Error(`union not created: ${response.body}`);
      return response.json().unionId as string;
    },
  };
}

/** An application body for synthetic person `index` (valid ID checksum, mobile, name). */
export function applicationFor(index: number, unionId: string, extra: Record<string, unknown> = {}) {
  return { ...syntheticPerson(index), occupation: 'rider', employer: '美团', unionId, streetCode: '330802001', ...extra };
}
