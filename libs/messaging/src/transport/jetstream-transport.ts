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
import type { EventEnvelope, NodeRef } from '@ws/contracts';
import { connectNats } from '../connection';
import { decodeEnvelope } from '../envelope';
import { DEFAULT_STREAM_NAMES } from '../streams';
import { durableName, parseEventPattern, patternSubject } from './event-pattern';
import { JetStreamContext } from './jetstream-context';

export interface JetStreamTransportOptions {
  servers: string;
  node: NodeRef;
  /** The node's EVT stream (default 'EVT'). */
  stream?: string;
  /** Names the durable consumers: one per service and pattern. */
  service: string;
  /** Deliveries before an event is given up (logged and terminated). Default 5. */
  maxDeliver?: number;
  /** How long a delivery may stay unacknowledged before the server redelivers it. Default 30 s. */
  ackWaitMs?: number;
  /** Delay before the first redelivery of a failed event, doubled on each further failure. Default 1 s. */
  retryDelayMs?: number;
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
/** Deliveries held by the client at once; handlers run one at a time, well within ack_wait. */
const PREFETCH = 32;
const MAX_RETRY_DELAY_MS = 60_000;

interface Subscription {
  pattern: string;
  messages: ConsumerMessages;
  running: Promise<void>;
}

/**
 * A Nest microservice transport over JetStream: an @EventPattern('wishes.wish.WishAccepted')
 * method becomes a durable pull consumer on the node's EVT stream, filtered to the node's own
 * events of that type. Explicit ack after the handler succeeds, nak with a growing delay when it
 * throws, at-least-once across restarts of the app or the server. Handlers receive the
 * EventEnvelope and a JetStreamContext; they must be idempotent (derive ids from the event id).
 */
export class JetStreamTransport extends Server<JetStreamTransportEvents, JetStreamTransportStatus> implements CustomTransportStrategy {
  override readonly transportId = JETSTREAM_TRANSPORT;
  /** Handler failures come back to this transport (to nak), instead of only being logged by Nest. */
  override readonly propagatesEventHandlerErrors = true;

  private readonly log = new Logger('JetStreamTransport');
  private readonly statusEvents = new EventEmitter();
  private readonly stream: string;
  private readonly maxDeliver: number;
  private readonly ackWaitMs: number;
  private readonly retryDelayMs: number;
  private connection?: NatsConnection;
  private subscriptions: Subscription[] = [];

  constructor(private readonly options: JetStreamTransportOptions) {
    super();
    if (!/^[A-Za-z0-9_-]+$/.test(options.service)) throw new Error(`service name must be a subject token: ${options.service}`);
    this.stream = options.stream ?? DEFAULT_STREAM_NAMES.evt;
    this.maxDeliver = options.maxDeliver ?? 5;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const connection = await connectNats(this.options.servers, `${this.options.service}@${this.options.node.code} reactions`);
      this.connection = connection;
      void this.followStatus(connection);
      const jsm = await jetstreamManager(connection);
      const js = jetstream(connection);
      for (const pattern of this.messageHandlers.keys()) this.subscriptions.push(await this.subscribe(jsm, js, pattern));
      this._status$.next('connected');
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subscriptions.map((s) => s.messages.close()));
    await Promise.all(subscriptions.map((s) => s.running));
    const connection = this.connection;
    this.connection = undefined;
    if (connection && !connection.isClosed()) await connection.drain();
    this.statusEvents.removeAllListeners();
  }

  on<E extends keyof JetStreamTransportEvents>(event: E, callback: JetStreamTransportEvents[E]): void {
    this.statusEvents.on(event, callback);
  }

  unwrap<T>(): T {
    if (!this.connection) throw new Error('JetStreamTransport is not listening');
    return this.connection as T;
  }

  private async subscribe(jsm: JetStreamManager, js: JetStreamClient, pattern: string): Promise<Subscription> {
    const parsed = parseEventPattern(pattern);
    const durable = durableName(this.options.service, parsed);
    await this.ensureConsumer(jsm, {
      durable_name: durable,
      description: `${this.options.service} reacts to ${pattern}`,
      ack_policy: AckPolicy.Explicit,
      // A reaction created after events were published still handles them (at-least-once).
      deliver_policy: DeliverPolicy.All,
      filter_subject: patternSubject(this.options.node, parsed),
      max_deliver: this.maxDeliver,
      ack_wait: nanos(this.ackWaitMs),
    });
    const consumer = await js.consumers.get(this.stream, durable);
    const messages = await consumer.consume({ max_messages: PREFETCH });
    const handler = this.messageHandlers.get(pattern)!;
    const running = this.handleAll(pattern, handler, messages).catch((error: unknown) => {
      this.log.error(`consumer ${durable} stopped: ${String(error)}`);
    });
    return { pattern, messages, running };
  }

  private async ensureConsumer(jsm: JetStreamManager, config: Partial<ConsumerConfig> & { durable_name: string }): Promise<void> {
    try {
      const existing = await jsm.consumers.info(this.stream, config.durable_name);
      if (existing.config.max_deliver !== config.max_deliver || existing.config.ack_wait !== config.ack_wait) {
        await jsm.consumers.update(this.stream, config.durable_name, { max_deliver: config.max_deliver, ack_wait: config.ack_wait });
      }
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === CONSUMER_NOT_FOUND)) throw error;
      await jsm.consumers.add(this.stream, config);
    }
  }

  private async handleAll(pattern: string, handler: MessageHandler, messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) await this.handleOne(pattern, handler, message);
  }

  private async handleOne(pattern: string, handler: MessageHandler, message: JsMsg): Promise<void> {
    const attempt = message.info.deliveryCount;
    const where = `${pattern} ${message.subject} #${message.seq}`;
    let envelope: EventEnvelope;
    // term() never with a reason: nats-server 2.9 ignores "+TERM <reason>", leaving the event pending.
    try {
      envelope = decodeEnvelope(message.data);
    } catch (error) {
      this.log.error(`${where}: not an event envelope, dropped: ${String(error)}`);
      message.term();
      return;
    }
    const context = new JetStreamContext([message.subject, message.seq, attempt, message.headers]);
    try {
      await this.invoke(handler, envelope, context);
    } catch (error) {
      if (attempt >= this.maxDeliver) {
        this.log.error(`${where}: failed ${attempt} times, given up: ${describe(error)}`);
        message.term();
      } else {
        const delay = Math.min(MAX_RETRY_DELAY_MS, this.retryDelayMs * 2 ** (attempt - 1));
        this.log.warn(`${where}: attempt ${attempt} failed, retry in ${delay} ms: ${describe(error)}`);
        message.nak(delay);
      }
      return;
    }
    // Awaited so that an app closed right after a handler does not see the event again.
    await message.ackAck().catch((error: unknown) => this.log.warn(`${where}: ack not confirmed: ${String(error)}`));
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
          this._status$.next('disconnected');
          this.statusEvents.emit('disconnect', status.server);
          break;
        case 'reconnecting':
          this._status$.next('reconnecting');
          break;
        case 'reconnect':
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
