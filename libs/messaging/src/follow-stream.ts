import { ConsumerMessages, DeliverPolicy, jetstream, OrderedConsumerOptions } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from './connection';

/** A message of the followed stream, as it was stored (envelope or not: the reader decides). */
export interface StreamMessage {
  seq: number;
  subject: string;
  data: Uint8Array;
  /** The stored time of the message. */
  time: Date;
  header(name: string): string | undefined;
}

/** Where reading starts: the next stream sequence wanted, or the first stored time of interest. */
export type FollowFrom = { seq: number } | { time: Date };

export interface FollowStreamOptions {
  /** NATS server URL(s), as connectNats takes them. */
  servers: string;
  /** The connection's name, as the server lists it. */
  name: string;
  /** Where replies come (a user whose permissions allow only its own inbox: serviceInboxPrefix). */
  inboxPrefix?: string;
  /** The CA the server's certificate is checked against (TLS), as connectNats takes it; none: plain. */
  caFile?: string;
  stream: string;
  /** Asked before every (re)start: after an interruption the reader resumes where it wants to. */
  from(): FollowFrom;
  onMessage(message: StreamMessage): void;
  /** True once the stream is being read, false when reading stopped (NATS down, stream missing). */
  onReading(reading: boolean): void;
  /** Said once per distinct failure: the follower retries every `retryMs` without repeating it. */
  onInterrupted(failure: string): void;
  /** Reading started again after an interruption. */
  onResumed(): void;
  retryMs?: number;
}

export interface StreamFollower {
  /** Whether the follower holds an open NATS connection. */
  readonly connected: boolean;
  /** Stops reading, closes the connection and waits for the follower to end. */
  stop(): Promise<void>;
}

const DEFAULT_RETRY_MS = 2_000;

/**
 * Reads a stream with an ordered consumer and never gives up: it never blocks the caller's
 * start-up, and when NATS or the stream is missing or goes away it tries again from
 * `from()` every `retryMs`. For readers that hold their own position in memory (a live feed):
 * durable consumers with checkpoints are consumeFrom's work.
 */
export function followStream(options: FollowStreamOptions): StreamFollower {
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
  let nc: NatsConnection | undefined;
  let messages: ConsumerMessages | undefined;
  let stopped = false;
  let lastFailure: string | undefined;
  let wakeRetry: (() => void) | undefined;

  const startPoint = (): Partial<OrderedConsumerOptions> => {
    const from = options.from();
    return 'seq' in from
      ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from.seq }
      : { deliver_policy: DeliverPolicy.StartTime, opt_start_time: from.time.toISOString() };
  };

  const read = async (connection: NatsConnection): Promise<void> => {
    const consumer = await jetstream(connection).consumers.get(options.stream, startPoint());
    messages = await consumer.consume({ max_messages: 1000 });
    if (lastFailure) options.onResumed();
    lastFailure = undefined;
    options.onReading(true);
    for await (const msg of messages) {
      options.onMessage({ seq: msg.seq, subject: msg.subject, data: msg.data, time: msg.time, header: (name) => msg.headers?.get(name) || undefined });
    }
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeRetry = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopped) {
      try {
        nc ??= await connectNats(options.servers, options.name, { inboxPrefix: options.inboxPrefix, caFile: options.caFile });
        await read(nc);
      } catch (error) {
        const failure = (error as Error).message;
        if (!stopped && failure !== lastFailure) options.onInterrupted(failure);
        lastFailure = failure;
      }
      options.onReading(false);
      if (!stopped) await pause(retryMs);
    }
  })();

  return {
    get connected() {
      return Boolean(nc && !nc.isClosed());
    },
    async stop() {
      stopped = true;
      wakeRetry?.();
      messages?.stop();
      await nc?.close().catch(() => undefined);
      await loop;
    },
  };
}
