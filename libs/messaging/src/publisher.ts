import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders, MsgHdrs } from '@nats-io/transport-node';

/** An outbox row as the event store's relay hands it over. */
export interface OutboxMessageLike {
  eventId: string;
  subject: string;
  headers: Record<string, string>;
  payload: string;
}

const DEFAULT_WINDOW = 2000;

/**
 * Publishes outbox batches to JetStream. Acks are awaited in a sliding window rather than one
 * by one (one round trip per event would cost ~90 % of the throughput). The message id is the
 * event id, so a batch retried after a partial failure is deduplicated by the stream.
 */
export class JetStreamPublisher {
  private readonly window: number;

  constructor(
    private readonly js: JetStreamClient,
    options: { window?: number } = {},
  ) {
    this.window = Math.max(1, options.window ?? DEFAULT_WINDOW);
  }

  async publishBatch(messages: OutboxMessageLike[]): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    for (const message of messages) {
      if (failure) break;
      const ack: Promise<void> = this.js
        .publish(message.subject, message.payload, { msgID: message.eventId, headers: toHeaders(message.headers) })
        .then(
          () => undefined,
          (error: unknown) => {
            failure ??= { error };
          },
        )
        .finally(() => inFlight.delete(ack));
      inFlight.add(ack);
      if (inFlight.size >= this.window) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure) throw failure.error;
  }
}

function toHeaders(record: Record<string, string>): MsgHdrs {
  const result = natsHeaders();
  for (const [key, value] of Object.entries(record)) result.set(key, value);
  return result;
}
