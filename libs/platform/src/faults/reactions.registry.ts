import { Inject, Injectable } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Kysely } from 'kysely';
import { JetStreamTransport, type ReactionMessageRecord, type ReactionParkReason, type ReactionRecorder, type ReactionsHandle } from '@ws/messaging';
import { parkMessage } from '@ws/projections';
import type { PlatformConfig } from '../platform-config';
import { DB, PLATFORM_CONFIG } from '../tokens';

/** The reactions transports of this service (one per app), for /health and the ops endpoint. */
@Injectable()
export class ReactionsRegistry {
  private readonly handles: ReactionsHandle[] = [];

  register(handle: ReactionsHandle): void {
    if (!this.handles.includes(handle)) this.handles.push(handle);
  }

  list(): readonly ReactionsHandle[] {
    return this.handles;
  }

  /** The transport that runs `consumer`, if any. */
  owner(consumer: string): ReactionsHandle | undefined {
    return this.handles.find((handle) => handle.consumers().some((c) => c.consumer === consumer));
  }
}

/** Parked reaction messages and refusals go to the service's parked_messages, like a projection's. */
@Injectable()
export class ReactionParking implements ReactionRecorder {
  constructor(@Inject(DB) private readonly db: Kysely<any>) {}

  park(record: ReactionMessageRecord & { reason: ReactionParkReason }): Promise<void> {
    return parkMessage(this.db, { ...entryOf(record), reason: record.reason });
  }

  refused(record: ReactionMessageRecord & { code: string }): Promise<void> {
    return parkMessage(this.db, { ...entryOf(record), reason: 'refused', detail: `${record.code}: ${record.detail}` });
  }
}

function entryOf(record: ReactionMessageRecord) {
  return {
    consumer: record.consumer,
    kind: 'reaction' as const,
    stream: record.stream,
    seq: record.seq,
    subject: record.subject,
    ...(record.envelope ? { eventId: record.envelope.eventId, type: record.envelope.type, schema: record.envelope.schema } : {}),
    detail: record.detail,
    payload: record.payload,
    attempts: record.attempts,
  };
}

export interface ReactionsOptions {
  /** Names the durable consumers (one per service and pattern). */
  service: string;
  ackWaitMs?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/**
 * Connects the service's @EventPattern reactions (the JetStream transport) to `app` with the
 * platform's policy: parked messages and refusals written to parked_messages, the consume loops
 * in /health, retry through the ops endpoint. Call startAllMicroservices() afterwards.
 */
export function connectReactions(app: INestApplication, options: ReactionsOptions): JetStreamTransport {
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  const registry = app.get(ReactionsRegistry);
  const transport = new JetStreamTransport({
    servers: config.natsUrl,
    node: config.node,
    stream: config.streams.evt,
    service: options.service,
    ...(options.ackWaitMs !== undefined ? { ackWaitMs: options.ackWaitMs } : {}),
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    ...(options.maxRetryDelayMs !== undefined ? { maxRetryDelayMs: options.maxRetryDelayMs } : {}),
    recorder: app.get(ReactionParking),
    onListening: (handle) => registry.register(handle),
  });
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  return transport;
}
