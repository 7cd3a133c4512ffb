import { Consumer, DeliverPolicy, JetStreamApiError, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { errors } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ws/contracts';
import { decodeEnvelope } from './envelope';

export interface ConsumedEvent {
  seq: number;
  subject: string;
  envelope: EventEnvelope;
}

export interface ConsumeFromOptions {
  stream: string;
  /** One subject filter inside the stream's own subjects (nats 2.9); the whole stream if omitted. */
  filter?: string;
  /** The first stream sequence wanted (checkpoint + 1). */
  startSeq: number;
  batchSize?: number;
  onBatch: (events: ConsumedEvent[]) => Promise<void>;
  signal: AbortSignal;
  /** A partial batch is handed over after this long without a new message. */
  idleFlushMs?: number;
}

const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_IDLE_FLUSH_MS = 50;
const FETCH_EXPIRES_MS = 30_000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;
const STREAM_NOT_FOUND = 10059;
const BAD_REQUEST = 400;

/** Wraps a failure of the caller's onBatch, which ends consumeFrom; bus failures do not. */
class BatchFailed {
  constructor(readonly cause: unknown) {}
}

/**
 * Reads a stream in order from `startSeq`, handing over batches and awaiting each before
 * fetching more (at most two batches are held in memory). It follows its own cursor: when the
 * connection drops or the server restarts, it makes a new ephemeral ordered consumer from the
 * next sequence not yet handed over, so nothing is skipped or repeated. It rejects when onBatch
 * rejects (the caller resumes from its checkpoint), when the stream does not exist or the
 * connection is closed, and resolves once `signal` aborts.
 */
export async function consumeFrom(js: JetStreamClient, options: ConsumeFromOptions): Promise<void> {
  const { signal } = options;
  let next = Math.max(1, options.startSeq);
  let failures = 0;
  while (!signal.aborted) {
    let consumer: Consumer | undefined;
    try {
      consumer = await js.consumers.get(options.stream, {
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: next,
        ...(options.filter ? { filter_subjects: options.filter } : {}),
      });
      await readFetches(consumer, options, (seq) => {
        next = seq + 1;
        failures = 0;
      });
    } catch (error) {
      if (error instanceof BatchFailed) throw error.cause;
      if (signal.aborted) break;
      if (isPermanent(error)) throw error;
      failures += 1;
      await pause(Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (failures - 1)), signal);
    } finally {
      consumer?.delete().catch(() => undefined);
    }
  }
}

/** Fetches until the signal aborts; throws on a bus failure after handing over what arrived. */
async function readFetches(consumer: Consumer, options: ConsumeFromOptions, handedOver: (seq: number) => void): Promise<void> {
  const { signal, onBatch } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const idleFlushMs = options.idleFlushMs ?? DEFAULT_IDLE_FLUSH_MS;
  const buffer: ConsumedEvent[] = [];
  const flush = async () => {
    // Once aborted, nothing more is handed over: the caller may be tearing down.
    if (buffer.length === 0 || signal.aborted) return;
    const batch = buffer.splice(0, buffer.length);
    try {
      await onBatch(batch);
    } catch (error) {
      throw new BatchFailed(error);
    }
    handedOver(batch[batch.length - 1]!.seq);
  };

  while (!signal.aborted) {
    const messages = await consumer.fetch({ max_messages: batchSize, expires: FETCH_EXPIRES_MS });
    const stop = () => void messages.close();
    signal.addEventListener('abort', stop, { once: true });
    const iterator = messages[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<JsMsg>> | undefined;
    try {
      for (;;) {
        pending ??= iterator.next();
        const result = buffer.length > 0 ? await within(pending, idleFlushMs) : await pending;
        if (result === IDLE) {
          await flush();
          continue;
        }
        pending = undefined;
        if (result.done) break;
        buffer.push(toConsumedEvent(result.value, options.stream));
        if (buffer.length >= batchSize || result.value.info.pending === 0) await flush();
      }
    } catch (error) {
      // Events that arrived before the failure are contiguous: hand them over, then reconnect.
      if (!(error instanceof BatchFailed) && !signal.aborted) await flush();
      throw error;
    } finally {
      signal.removeEventListener('abort', stop);
    }
    if (signal.aborted) return;
    await flush();
  }
}

function toConsumedEvent(message: JsMsg, stream: string): ConsumedEvent {
  try {
    return { seq: message.seq, subject: message.subject, envelope: decodeEnvelope(message.data) };
  } catch (error) {
    throw new BatchFailed(new Error(`${stream} #${message.seq} (${message.subject}): ${(error as Error).message}`));
  }
}

const IDLE = Symbol('idle');

function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof IDLE> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<typeof IDLE>((resolve) => {
    timer = setTimeout(() => resolve(IDLE), ms);
  });
  return Promise.race([promise, idle]).finally(() => clearTimeout(timer));
}

/**
 * Failures that a retry would only repeat: a closed connection, a missing stream, a request the
 * server or client refuses (a filter outside the stream's subjects, an array of filters on 2.9).
 * Everything else (timeouts, a lost consumer, missed heartbeats) is retried.
 */
function isPermanent(error: unknown): boolean {
  if (error instanceof errors.ClosedConnectionError || error instanceof errors.InvalidArgumentError) return true;
  if (error instanceof JetStreamApiError) return error.code === STREAM_NOT_FOUND || error.status === BAD_REQUEST;
  return error instanceof Error && error.message === 'stream not found';
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The last sequence in the stream that matches `filter` (0 if none), for lag = last - checkpoint. */
export async function lastSequence(jsm: JetStreamManager, stream: string, filter?: string): Promise<number> {
  if (!filter) return (await jsm.streams.info(stream)).state.last_seq;
  const last = await jsm.streams.getMessage(stream, { last_by_subj: filter });
  return last?.seq ?? 0;
}
