import { Client, ClientConfig } from 'pg';
import { OUTBOX_CHANNEL } from './migrations';

const RECONNECT_INTERVAL_MS = 5_000;

/**
 * LISTEN on its own connection (a pooled one would be handed to other queries). Losing it only
 * costs latency: the relay polls anyway, and `ensure()` reconnects on a later idle turn.
 */
export class OutboxListener {
  private client?: Client;
  private lastAttempt = 0;

  constructor(
    private readonly config: ClientConfig | undefined,
    private readonly onNotify: () => void,
    private readonly logger?: { error(...args: any[]): void },
  ) {}

  /** Connects unless connected or tried within the last few seconds; never throws. */
  async ensure(): Promise<void> {
    if (!this.config || this.client || Date.now() - this.lastAttempt < RECONNECT_INTERVAL_MS) return;
    this.lastAttempt = Date.now();
    const client = new Client(this.config);
    const lose = (error?: unknown) => {
      if (error) this.logger?.error('outbox listener connection lost; polling until it is back', error);
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
    };
    client.on('notification', () => this.onNotify());
    client.on('error', lose);
    client.on('end', () => lose());
    try {
      await client.connect();
      await client.query(`listen ${OUTBOX_CHANNEL}`);
      this.client = client;
      // Rows committed while nobody listened would otherwise wait for the next poll.
      this.onNotify();
    } catch (error) {
      lose(error);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.lastAttempt = 0;
    await client?.end().catch(() => undefined);
  }
}
