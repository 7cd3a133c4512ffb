import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConsumerMessages, DeliverPolicy, jetstream, OrderedConsumerOptions } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { shanghaiDayAndHour } from '@ws/contracts';
import { CLOCK, type Clock } from '@ws/kernel';
import { natsConnectOptions, serviceInboxPrefix } from '@ws/messaging';
import type { DashboardConfig } from '../dashboard-config';
import { DASHBOARD_CONFIG } from '../tokens';
import { LiveSnapshot, LiveState } from './live-state';
import { observeMessage } from './observed-event';

export interface LiveMessage extends LiveSnapshot {
  /** False while the dashboard cannot read the EVT stream (NATS down, stream missing). */
  streamConnected: boolean;
}

interface Listener {
  next(message: LiveMessage): void;
  /** Ends the listener's response: an open SSE request would otherwise hold up shutdown. */
  end(): void;
}

/** Pushes at most this often while events pour in (a catch-up of a day's events is one push). */
const BROADCAST_INTERVAL_MS = 200;
/** Pushes anyway this often: keeps idle connections open and rolls the day over at midnight. */
const KEEPALIVE_INTERVAL_MS = 10_000;
const RETRY_DELAY_MS = 2_000;

/**
 * Reads the node's EVT stream with an ordered consumer from the start of the Shanghai day and
 * folds it into live counters. It never writes and never blocks start-up: without NATS or
 * the stream the page still loads and says the live feed is down, and it retries.
 */
@Injectable()
export class LiveFeedService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('LiveFeed');
  private readonly state: LiveState;
  private readonly listeners = new Set<Listener>();
  private nc?: NatsConnection;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopped = false;
  private reading = false;
  private broadcastTimer?: NodeJS.Timeout;
  private keepalive?: NodeJS.Timeout;
  private wakeRetry?: () => void;
  private lastFailure?: string;

  constructor(
    @Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.state = new LiveState(config.node, config.liveFeedSize);
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
    this.keepalive = setInterval(() => this.broadcast(), KEEPALIVE_INTERVAL_MS);
    this.keepalive.unref();
  }

  /** Before the HTTP server closes, which waits for open responses: the SSE streams end here. */
  beforeApplicationShutdown(): void {
    for (const listener of this.listeners) listener.end();
    this.listeners.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.keepalive);
    clearTimeout(this.broadcastTimer);
    this.wakeRetry?.();
    this.messages?.stop();
    await this.nc?.close().catch(() => undefined);
    await this.loop;
  }

  snapshot(): LiveMessage {
    return { ...this.state.snapshot(this.clock.now()), streamConnected: this.reading };
  }

  status(): { nats: boolean; streamConnected: boolean; lastSeq: number } {
    return { nats: Boolean(this.nc && !this.nc.isClosed()), streamConnected: this.reading, lastSeq: this.state.position };
  }

  /** Calls `listener.next` with every new snapshot until the returned function is called, or `end` at shutdown. */
  /** Open live streams. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        // The node's dashboard user (NATS_URL's credentials) reads EVT and receives on its own inbox only.
        this.nc ??= await connect({
          ...natsConnectOptions(this.config.natsUrl),
          name: `dashboard@${this.config.node.code}`,
          maxReconnectAttempts: -1,
          inboxPrefix: serviceInboxPrefix(this.config.node.code, 'dashboard'),
        });
        await this.readStream(this.nc);
      } catch (error) {
        const failure = (error as Error).message;
        // Retries every 2 s: say it once, not every time.
        if (!this.stopped && failure !== this.lastFailure) this.logger.warn(`live feed from ${this.config.evtStream} interrupted: ${failure}; retrying`);
        this.lastFailure = failure;
      }
      this.setReading(false);
      if (!this.stopped) await this.pause(RETRY_DELAY_MS);
    }
  }

  private async readStream(nc: NatsConnection): Promise<void> {
    const consumer = await jetstream(nc).consumers.get(this.config.evtStream, this.startPoint());
    this.messages = await consumer.consume({ max_messages: 1000 });
    if (this.lastFailure) this.logger.log(`live feed from ${this.config.evtStream} resumed`);
    this.lastFailure = undefined;
    this.setReading(true);
    for await (const msg of this.messages) {
      try {
        this.state.apply(observeMessage(msg.seq, msg.subject, msg.data, (name) => msg.headers?.get(name) || undefined, msg.time));
      } catch (error) {
        this.logger.debug(`skipped message ${msg.seq} on ${msg.subject}: ${(error as Error).message}`);
      }
      this.scheduleBroadcast();
    }
  }

  /** From the start of today (Asia/Shanghai) at first; after an interruption, right after the last event applied. */
  private startPoint(): Partial<OrderedConsumerOptions> {
    if (this.state.position > 0) return { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.state.position + 1 };
    const { day } = shanghaiDayAndHour(this.clock.now());
    return { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(`${day}T00:00:00+08:00`).toISOString() };
  }

  private setReading(reading: boolean): void {
    if (this.reading === reading) return;
    this.reading = reading;
    this.scheduleBroadcast();
  }

  private scheduleBroadcast(): void {
    if (this.broadcastTimer || this.stopped) return;
    this.broadcastTimer = setTimeout(() => {
      this.broadcastTimer = undefined;
      this.broadcast();
    }, BROADCAST_INTERVAL_MS);
  }

  private broadcast(): void {
    if (this.listeners.size === 0) return;
    const message = this.snapshot();
    for (const listener of this.listeners) listener.next(message);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeRetry = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
