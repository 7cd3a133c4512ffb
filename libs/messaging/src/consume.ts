import { Consumer, DeliverPolicy, JetStreamApiError, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { errors } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ws/contracts';
import { decodeEnvelope } from './envelope';

export interface ConsumedEvent {
  seq: number;
  subject: string;
  envelope: EventEnvelope;
}

/** A message whose body is not an event envelope: handed over in its place, for the caller to park. */
export interface UndecodableMessage {
  seq: number;
  subject: string;
  data: Uint8Array;
  reason: string;
}

type Consumed = ConsumedEvent | UndecodableMessage;

function isEvent(message: Consumed): message is ConsumedEvent {
  return 'envelope' in message;
}

export interface ConsumeFromOptions {
  stream: string;
  /** One subject filter inside the stream's own subjects (nats 2.9); the whole stream if omitted. */
  filter?: string;
  /** The first stream sequence wanted (checkpoint + 1). */
  startSeq: number;
  batchSize?: number;
  /**
   * One batch in stream order; `undecodable` holds the messages of the batch's range that are
   * not event envelopes (a batch's last sequence is the greater of both lists' last).
   */
  onBatch: (events: ConsumedEvent[], undecodable: UndecodableMessage[]) => Promise<void>;
  signal: AbortSignal;
  /** A partial batch is handed over at most this long after its first event arrived. */
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
 * Reads a stream in order from `startSeq` and hands it over in batches, one at a time: while the
 * caller applies one batch, the next one is already being read (so a catch-up or a rebuild
 * overlaps the bus with the caller's transaction). At most about three batches are held: the
 * one being applied, the one filling up (reading pauses when it is full) and one fetch on its
 * way. It follows its own cursor: when the connection drops or the server restarts, it hands
 * over what arrived, then makes a new ephemeral ordered consumer from the next sequence not yet
 * handed over, so nothing is skipped or repeated. It rejects when onBatch rejects (the caller
 * resumes from its checkpoint), when the stream does not exist or the connection is closed, and
 * resolves once `signal` aborts; it never settles while an onBatch is still running.
 */
export async function consumeFrom(js: JetStreamClient, options: ConsumeFromOptions): Promise<void> {
  const { signal } = options;
  let next = Math.max(1, options.startSeq);
  let failures = 0;
  while (!signal.aborted) {
    try {
      // An ordered consumer left behind (a retry, a stop) is removed by the server after the
      // client's inactive threshold (5 minutes without a pull): the service may not delete it.
      const consumer = await js.consumers.get(options.stream, {
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
    }
  }
}

/** Fetches until the signal aborts; throws on a bus failure after handing over what arrived. */
async function readFetches(consumer: Consumer, options: ConsumeFromOptions, handedOver: (seq: number) => void): Promise<void> {
  const { signal } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const handover = new Handover(options.onBatch, batchSize, options.idleFlushMs ?? DEFAULT_IDLE_FLUSH_MS, handedOver, signal);
  try {
    while (!signal.aborted && !handover.failed) {
      const messages = await consumer.fetch({ max_messages: batchSize, expires: FETCH_EXPIRES_MS });
      const stop = () => void messages.close();
      signal.addEventListener('abort', stop, { once: true });
      handover.onFailure = stop;
      // A batch may have failed, or the caller stopped, while this fetch was being set up.
      if (handover.failed || signal.aborted) stop();
      try {
        const iterator = messages[Symbol.asyncIterator]();
        for (;;) {
          const result = await iterator.next();
          if (result.done) break;
          handover.push(toConsumed(result.value), result.value.info.pending === 0);
          await handover.room();
        }
      } finally {
        signal.removeEventListener('abort', stop);
      }
    }
  } catch (error) {
    // Events that arrived before a bus failure are contiguous: hand them over, then reconnect.
    if (!(error instanceof BatchFailed) && !signal.aborted) await handover.drain();
    throw error;
  } finally {
    await handover.settled();
  }
  handover.throwIfFailed();
}

/**
 * The caller's side of consumeFrom: batches go to onBatch strictly one after the other. A batch
 * is due when it is full, when the last event read was the newest the consumer had (caught up),
 * or `idleFlushMs` after its first event arrived; a due batch waits for the one being applied.
 */
class Handover {
  private buffer: Consumed[] = [];
  private applying?: Promise<void>;
  private due = false;
  private timer?: NodeJS.Timeout;
  private failure?: BatchFailed;
  private wake?: () => void;
  /** Called once when a batch fails, so the reader stops waiting for the bus. */
  onFailure?: () => void;

  constructor(
    private readonly onBatch: (events: ConsumedEvent[], undecodable: UndecodableMessage[]) => Promise<void>,
    private readonly batchSize: number,
    private readonly idleFlushMs: number,
    private readonly handedOver: (seq: number) => void,
    private readonly signal: AbortSignal,
  ) {}

  get failed(): boolean {
    return this.failure !== undefined;
  }

  push(event: Consumed, caughtUp: boolean): void {
    this.buffer.push(event);
    if (caughtUp || this.buffer.length >= this.batchSize) this.due = true;
    else this.timer ??= setTimeout(() => this.becomeDue(), this.idleFlushMs);
    this.start();
  }

  /** Resolves when the buffer has room again (or a batch failed): reading waits for applying. */
  async room(): Promise<void> {
    while (this.buffer.length >= this.batchSize && this.applying && !this.failure) await this.changed();
  }

  /** Hands over everything buffered, one batch after the other; throws if one fails. */
  async drain(): Promise<void> {
    this.due = true;
    this.start();
    while ((this.applying || this.buffer.length > 0) && !this.failure && !this.signal.aborted) {
      await this.changed();
      this.due = true;
      this.start();
    }
    this.throwIfFailed();
  }

  /** Resolves once no batch is being applied; the buffer is dropped. */
  async settled(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.buffer = [];
    while (this.applying) await this.changed();
  }

  throwIfFailed(): void {
    // Once aborted, a failure of the last batch is the caller's own teardown, not news.
    if (this.failure && !this.signal.aborted) throw this.failure;
  }

  private becomeDue(): void {
    this.timer = undefined;
    this.due = true;
    this.start();
  }

  private start(): void {
    // Once aborted, nothing more is handed over: the caller may be tearing down.
    if (this.applying || !this.due || this.buffer.length === 0 || this.failure || this.signal.aborted) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = false;
    const batch = this.buffer;
    this.buffer = [];
    const last = batch[batch.length - 1]!.seq;
    const events = batch.filter(isEvent);
    const undecodable = batch.filter((message): message is UndecodableMessage => !isEvent(message));
    this.applying = new Promise<void>((resolve) => resolve(this.onBatch(events, undecodable))).then(
      () => {
        this.applying = undefined;
        this.handedOver(last);
        this.start();
        this.notify();
      },
      (error: unknown) => {
        this.applying = undefined;
        this.failure = new BatchFailed(error);
        this.onFailure?.();
        this.notify();
      },
    );
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

function toConsumed(message: JsMsg): Consumed {
  try {
    return { seq: message.seq, subject: message.subject, envelope: decodeEnvelope(message.data) };
  } catch (error) {
    return { seq: message.seq, subject: message.subject, data: message.data, reason: (error as Error).message };
  }
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
