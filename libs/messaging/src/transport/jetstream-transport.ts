import { EventEmitter } from 'node:events';
import {
  AckPolicy,
  ConsumerConfig,
  ConsumerMessages,
  DeliverPolicy,
  JetStreamApiError,
  JetStreamClient,
  JetStreamManager,
  jetstream,
  jetstreamManager,
  JsMsg,
} from '@nats-io/jetstream';
import { nanos, NatsConnection } from '@nats-io/transport-node';
import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { hasUnknownSchema } from '@ws/contracts';
import type { EventEnvelope, NodeRef } from '@ws/contracts';
import { classifyFailure } from '@ws/kernel';
import { connectNats } from '../connection';
import { serviceInboxPrefix } from '../service-permissions';
import { decodeEnvelope } from '../envelope';
import { DEFAULT_STREAM_NAMES } from '../streams';
import { durableName, parseEventPattern, patternSubject } from './event-pattern';
import { JetStreamContext } from './jetstream-context';
import { backoff, ReactionConsumerStatus, ReactionMessageRecord, ReactionParkReason, ReactionRecorder, ReactionsHandle } from './reaction-policy';

export interface JetStreamTransportOptions {
  servers: string;
  node: NodeRef;
  /** The node's EVT stream (default 'EVT'). */
  stream?: string;
  /** Names the durable consumers: one per service and pattern. */
  service: string;
  /** How long a delivery may stay unacknowledged before the server redelivers it (default 30 s); a retrying handler keeps it. */
  ackWaitMs?: number;
  /** First delay before handling a failed message again, doubled on each further failure (default 250 ms). */
  retryDelayMs?: number;
  /** Longest delay between two attempts (default 10 s): a Postgres back after an outage is noticed within it. */
  maxRetryDelayMs?: number;
  /** Attempts before a message whose handler fails with a fault (not the infrastructure) is parked (default 3). */
  faultAttempts?: number;
  /** Writes down parked messages and refusals; without it they are only logged. */
  recorder?: ReactionRecorder;
  /** Told about this transport once it listens (/health, the ops endpoint's retry). */
  onListening?: (handle: ReactionsHandle) => void;
}

/** Status events, for JetStreamTransport.on(...). */
export type JetStreamTransportEvents = {
  disconnect: (server: string) => void;
  reconnect: (server: string) => void;
  error: (error: Error) => void;
};

export type JetStreamTransportStatus = 'connected' | 'disconnected' | 'reconnecting';

/** Pass to @EventPattern(pattern, JETSTREAM_TRANSPORT) when an app hosts several transports. */
export const JETSTREAM_TRANSPORT = Symbol('JETSTREAM_TRANSPORT');

const CONSUMER_NOT_FOUND = 10014;
/** Deliveries held by the client at once; handlers run one at a time, in stream order. */
const PREFETCH = 32;
/** Unlimited deliveries: a message ends by success, a refusal, or being parked — never by a count. */
const UNLIMITED = -1;
const RESTART_MIN_MS = 500;
const RESTART_MAX_MS = 10_000;

interface Subscription extends ReactionConsumerStatus {
  handler: MessageHandler;
  messages?: ConsumerMessages;
  running?: Promise<void>;
}

/** The transport is closing: a handler's retry loop stops and leaves its message unacknowledged. */
class Closing extends Error {}

/**
 * A Nest microservice transport over JetStream: an @EventPattern('wishes.wish.WishAccepted')
 * method becomes a durable pull consumer on the node's EVT stream, filtered to the node's own
 * events of that type, handled one message at a time in stream order. Handlers receive the
 * EventEnvelope and a JetStreamContext; they must be idempotent (derive ids from the event id).
 *
 * What ends a message (see docs/ARCHITECTURE.md, "Faults"):
 * - success: acknowledged;
 * - a refusal of the domain (a DomainError the handler lets out): recorded, acknowledged;
 * - the infrastructure away (Postgres, NATS, a timeout, a version race: classifyFailure says
 *   transient): tried again in place, without limit, with capped backoff — the message keeps
 *   its place (later ones wait behind it) and its delivery (`working()`), so an outage of any
 *   length loses no credit and no step;
 * - a fault (a bug, an input the code cannot handle) `faultAttempts` times, a body that is not
 *   an envelope, or a schema newer than this code knows: parked with its reason, acknowledged.
 * A consume loop that ends for any reason but close() is started again, with backoff; its state
 * and restarts are in consumers() (/health).
 */
export class JetStreamTransport extends Server<JetStreamTransportEvents, JetStreamTransportStatus> implements CustomTransportStrategy, ReactionsHandle {
  override readonly transportId = JETSTREAM_TRANSPORT;
  /** Handler failures come back to this transport, instead of only being logged by Nest. */
  override readonly propagatesEventHandlerErrors = true;
  private readonly log = new Logger('JetStreamTransport');
  private readonly statusEvents = new EventEmitter();
  private readonly stream: string;
  private readonly ackWaitMs: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly faultAttempts: number;
  private readonly closing = new AbortController();
  private connection?: NatsConnection;
  /** False between a disconnect and the reconnect: acknowledgements cannot be confirmed then. */
  private connected = true;
  private subscriptions: Subscription[] = [];

  constructor(private readonly options: JetStreamTransportOptions) {
    super();
    if (!/^[A-Za-z0-9_-]+$/.test(options.service)) throw new Error(`service name must be a subject token: ${options.service}`);
    this.stream = options.stream ?? DEFAULT_STREAM_NAMES.evt;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.retryDelayMs = options.retryDelayMs ?? 250;
    this.maxRetryDelayMs = Math.max(this.retryDelayMs, options.maxRetryDelayMs ?? 10_000);
    this.faultAttempts = Math.max(1, options.faultAttempts ?? 3);
  }

  get service(): string {
    return this.options.service;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const connection = await connectNats(this.options.servers, `${this.options.service}@${this.options.node.code} reactions`, {
        inboxPrefix: serviceInboxPrefix(this.options.node.code, this.options.service),
      });
      this.connection = connection;
      void this.followStatus(connection);
      const jsm = await jetstreamManager(connection);
      const js = jetstream(connection);
      // Consumers are made before listening succeeds: a filter or a stream that cannot work stops the start.
      for (const [pattern, handler] of this.messageHandlers) {
        const consumer = durableName(this.options.service, parseEventPattern(pattern));
        await this.ensureConsumer(jsm, pattern, consumer);
        const subscription: Subscription = { consumer, pattern, handler, state: 'starting', restarts: 0, since: new Date().toISOString() };
        subscription.running = this.supervise(jsm, js, subscription);
        this.subscriptions.push(subscription);
      }
      this._status$.next('connected');
      this.options.onListening?.(this);
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.closing.abort();
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subscriptions.map((s) => s.messages?.close()));
    await Promise.all(subscriptions.map((s) => s.running));
    const connection = this.connection;
    this.connection = undefined;
    if (connection && !connection.isClosed()) await connection.drain().catch(() => undefined);
    this.statusEvents.removeAllListeners();
  }

  on<E extends keyof JetStreamTransportEvents>(event: E, callback: JetStreamTransportEvents[E]): void {
    this.statusEvents.on(event, callback);
  }

  unwrap<T>(): T {
    if (!this.connection) throw new Error('JetStreamTransport is not listening');
    return this.connection as T;
  }

  consumers(): ReactionConsumerStatus[] {
    return this.subscriptions.map(({ consumer, pattern, state, restarts, lastError, since }) => ({ consumer, pattern, state, restarts, since, ...(lastError ? { lastError } : {}) }));
  }

  async replay(consumer: string, envelope: EventEnvelope, message: { subject: string; seq: number }): Promise<void> {
    const subscription = this.subscriptions.find((s) => s.consumer === consumer);
    if (!subscription) throw new Error(`no reaction consumer ${consumer} in ${this.options.service}`);
    await this.invoke(subscription.handler, envelope, new JetStreamContext([message.subject, message.seq, 1, undefined]));
  }

  /** Keeps one consume loop running until close(): a loop that ends is started again. */
  private async supervise(jsm: JetStreamManager, js: JetStreamClient, subscription: Subscription): Promise<void> {
    for (let failures = 0; !this.closing.signal.aborted; ) {
      try {
        if (subscription.state === 'restarting') await this.ensureConsumer(jsm, subscription.pattern, subscription.consumer);
        const consumer = await js.consumers.get(this.stream, subscription.consumer);
        // A deleted consumer ends the loop (rather than waiting for someone to recreate it): this loop recreates it.
        const messages = await consumer.consume({ max_messages: PREFETCH, abort_on_missing_resource: true });
        subscription.messages = messages;
        // close() may have come while consume() was being set up: it could not close these messages.
        if (this.closing.signal.aborted) {
          await messages.close();
          break;
        }
        this.setState(subscription, 'running');
        failures = 0;
        for await (const message of messages) await this.handleOne(subscription, message);
        if (this.closing.signal.aborted) break;
        subscription.lastError = 'the consume loop ended';
      } catch (error) {
        if (this.closing.signal.aborted) break;
        subscription.lastError = describe(error);
      }
      failures++;
      subscription.restarts++;
      this.setState(subscription, 'restarting');
      const wait = backoff(failures, RESTART_MIN_MS, RESTART_MAX_MS);
      this.log.error(`consumer ${subscription.consumer} stopped (${subscription.lastError}); starting it again in ${wait} ms`);
      await sleep(wait, this.closing.signal);
    }
    this.setState(subscription, 'stopped');
  }

  private setState(subscription: Subscription, state: ReactionConsumerStatus['state']): void {
    if (subscription.state !== state) subscription.since = new Date().toISOString();
    subscription.state = state;
  }

  private async ensureConsumer(jsm: JetStreamManager, pattern: string, durable: string): Promise<void> {
    const config: Partial<ConsumerConfig> & { durable_name: string } = {
      durable_name: durable,
      description: `${this.options.service} reacts to ${pattern}`,
      ack_policy: AckPolicy.Explicit,
      // A reaction created after events were published still handles them (at-least-once).
      deliver_policy: DeliverPolicy.All,
      filter_subject: patternSubject(this.options.node, parseEventPattern(pattern)),
      max_deliver: UNLIMITED,
      ack_wait: nanos(this.ackWaitMs),
    };
    try {
      const existing = await jsm.consumers.info(this.stream, durable);
      if (existing.config.max_deliver !== config.max_deliver || existing.config.ack_wait !== config.ack_wait) {
        await jsm.consumers.update(this.stream, durable, { max_deliver: config.max_deliver, ack_wait: config.ack_wait });
      }
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === CONSUMER_NOT_FOUND)) throw error;
      await jsm.consumers.add(this.stream, config);
    }
  }

  private async handleOne(subscription: Subscription, message: JsMsg): Promise<void> {
    const where = `${subscription.pattern} ${message.subject} #${message.seq}`;
    const record = (envelope: EventEnvelope | undefined, detail: string, attempts: number): ReactionMessageRecord => ({
      consumer: subscription.consumer,
      stream: this.stream,
      seq: message.seq,
      subject: message.subject,
      ...(envelope ? { envelope } : {}),
      payload: message.data,
      detail,
      attempts,
    });
    try {
      let envelope: EventEnvelope;
      try {
        envelope = decodeEnvelope(message.data);
      } catch (error) {
        return await this.end(message, where, () => this.park({ ...record(undefined, describe(error), 1), reason: 'undecodable' }));
      }
      if (hasUnknownSchema(message.subject, envelope.type, envelope.schema)) {
        const detail = `${envelope.type} schema ${envelope.schema} is newer than this code knows`;
        return await this.end(message, where, () => this.park({ ...record(envelope, detail, 1), reason: 'unknown_schema' }));
      }
      for (let attempt = 1, faults = 0; ; attempt++) {
        const context = new JetStreamContext([message.subject, message.seq, message.info.deliveryCount + attempt - 1, message.headers]);
        try {
          await this.invoke(subscription.handler, envelope, context);
          break;
        } catch (error) {
          const kind = classifyFailure(error);
          if (kind === 'refusal') {
            const code = (error as { code?: string }).code ?? 'refused';
            return await this.end(message, where, () => this.options.recorder?.refused({ ...record(envelope, describe(error), attempt), code }) ?? this.logged(`${where}: refused (${code})`));
          }
          if (kind === 'fault' && ++faults >= this.faultAttempts) {
            return await this.end(message, where, () => this.park({ ...record(envelope, describe(error), faults), reason: 'failed' }));
          }
          const wait = backoff(attempt, this.retryDelayMs, this.maxRetryDelayMs);
          // Said on the first failure and then at growing intervals, not on every one of a long outage.
          if ((attempt & (attempt - 1)) === 0) this.log.warn(`${where}: attempt ${attempt} failed (${kind}), trying again in ${wait} ms: ${describe(error)}`);
          await this.hold(message, wait);
        }
      }
      await this.acknowledge(message, where);
    } catch (error) {
      if (!(error instanceof Closing)) throw error;
      // Closing: the message stays unacknowledged and comes back to the next process.
    }
  }

  /** Writes down how a message ended (retried like a handler while the database is away), then acknowledges it. */
  private async end(message: JsMsg, where: string, write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        break;
      } catch (error) {
        if ((attempt & (attempt - 1)) === 0) this.log.warn(`${where}: cannot record how it ended yet (${describe(error)}); trying again`);
        await this.hold(message, backoff(attempt, this.retryDelayMs, this.maxRetryDelayMs));
      }
    }
    await this.acknowledge(message, where);
  }

  private park(record: ReactionMessageRecord & { reason: ReactionParkReason }): Promise<void> {
    this.log.error(`${record.consumer} ${record.subject} #${record.seq}: parked (${record.reason}: ${record.detail})`);
    return this.options.recorder?.park(record) ?? Promise.resolve();
  }

  private async logged(line: string): Promise<void> {
    this.log.warn(line);
  }

  private async acknowledge(message: JsMsg, where: string): Promise<void> {
    if (!this.connected) {
      // The bus is away: waiting for a confirmation that cannot come would hold every prefetched
      // message ~5 s. The ack goes out with the reconnect, or the message comes back after
      // ack_wait and the handler's idempotence absorbs it.
      try {
        message.ack();
      } catch {
        // Buffered nowhere: the message comes back after ack_wait.
      }
      return;
    }
    // Awaited so that an app closed right after a handler does not see the event again.
    await message.ackAck().catch((error: unknown) => this.log.warn(`${where}: ack not confirmed: ${String(error)}`));
  }

  /** Waits `ms` while keeping the delivery (working()), so the server does not hand it to anyone else; throws Closing on close(). */
  private async hold(message: JsMsg, ms: number): Promise<void> {
    const step = Math.max(100, Math.floor(this.ackWaitMs / 3));
    for (let left = ms; left > 0; left -= step) {
      if (this.closing.signal.aborted) throw new Closing();
      try {
        message.working();
      } catch {
        // The connection is away: the server may redeliver the message later, which the handler's idempotence absorbs.
      }
      await sleep(Math.min(step, left), this.closing.signal);
    }
    if (this.closing.signal.aborted) throw new Closing();
  }

  /** Runs the Nest handler (guards, interceptors, filters) and settles when its result does. */
  private invoke(handler: MessageHandler, envelope: EventEnvelope, context: JetStreamContext): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.onProcessingStartHook(this.transportId, context, async () => {
        const runEndHook = this.createProcessingEndHookRunner(context);
        try {
          const result: unknown = await handler(envelope, context);
          await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          resolve();
        } catch (error) {
          reject(error);
        } finally {
          runEndHook();
        }
      });
    });
  }

  private async followStatus(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      switch (status.type) {
        case 'disconnect':
          this.connected = false;
          this._status$.next('disconnected');
          this.statusEvents.emit('disconnect', status.server);
          break;
        case 'reconnecting':
          this._status$.next('reconnecting');
          break;
        case 'reconnect':
          this.connected = true;
          this._status$.next('connected');
          this.statusEvents.emit('reconnect', status.server);
          break;
        case 'error':
          this.statusEvents.emit('error', status.error);
          break;
        default:
          break;
      }
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
