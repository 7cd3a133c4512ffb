import { OUTBOX_CHANNEL } from './migrations';
import { SessionConnection } from './session-connection';

const RECONNECT_INTERVAL_MS = 5_000;

/**
 * LISTEN on the database's session connection (shared with the projection leases; a pooled one
 * would be handed to other queries). Losing it only costs latency: the relay polls anyway, and
 * `ensure()` reconnects on a later idle turn (or the leases do, and the LISTEN comes back with them).
 */
export class OutboxListener {
  private unlisten?: () => void;
  private lastAttempt = 0;

  constructor(
    private readonly session: SessionConnection | undefined,
    private readonly onNotify: () => void,
    private readonly logger?: { error(...args: any[]): void },
  ) {}

  /** Connects unless connected or tried within the last few seconds; never throws. */
  async ensure(): Promise<void> {
    const session = this.session;
    if (!session || (this.unlisten && session.connected) || Date.now() - this.lastAttempt < RECONNECT_INTERVAL_MS) return;
    this.lastAttempt = Date.now();
    try {
      if (!this.unlisten) {
        const stopListening = await session.listen(OUTBOX_CHANNEL, this.onNotify);
        const stopWatching = session.onLost(() => this.logger?.error('outbox listener connection lost; polling until it is back'));
        this.unlisten = () => {
          stopListening();
          stopWatching();
        };
      }
      await session.connect(this);
    } catch (error) {
      this.logger?.error('outbox listener cannot connect; polling until it can', error);
    }
  }

  async close(): Promise<void> {
    this.unlisten?.();
    this.unlisten = undefined;
    this.lastAttempt = 0;
    this.session?.release(this);
  }
}
