import { createInbox, headers as natsHeaders, MsgHdrs, Subscription } from '@nats-io/transport-node';
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { HEADERS } from '@ws/contracts';
import type { OutboxMessageLike } from './publisher';

const DEFAULT_WINDOW = 2000;
const DEFAULT_ACK_TIMEOUT_MS = 5000;
const NO_RESPONDERS = 503;

/**
 * The outbox relay's publisher: JetStream's publish protocol on plain core publishes. Each message
 * goes out with a reply subject in one inbox of the batch, and one subscription collects the
 * stream's acks. `js.publish` makes a request per message instead (a reply mux entry, a timer
 * and two Error objects each), which took a fifth of a check-in's CPU in the relay.
 *
 * Same guarantees as JetStreamPublisher: messages go out in order on one connection, at most
 * `window` unacknowledged; the message id is the event id, so a batch retried after a failure
 * is deduplicated by the stream. Resolves when every message is acknowledged. When the bus
 * refuses one message — too large for the server, no stream takes its subject, a JetStream
 * error in its ack — it stops sending, waits for the acks of the messages before it and
 * rejects with a MessageRefusedError naming it (the relay counts it against that row). Any
 * other failure (no ack for `ackTimeoutMs`: the server away or slow) rejects as it is.
 */
export class JetStreamOutboxPublisher {
  private readonly window: number;
  private readonly ackTimeoutMs: number;

  constructor(
    private readonly nc: NatsConnection,
    options: { window?: number; ackTimeoutMs?: number } = {},
  ) {
    this.window = Math.max(1, options.window ?? DEFAULT_WINDOW);
    this.ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  }

  async publishBatch(messages: OutboxMessageLike[]): Promise<void> {
    if (messages.length === 0) return;
    const inbox = createInbox(inboxPrefixOf(this.nc));
    const acks = new AckWindow(messages.length);
    const subscription: Subscription = this.nc.subscribe(`${inbox}.*`, { callback: (error, msg) => acks.receive(error, msg) });
    try {
      for (let index = 0; index < messages.length; index++) {
        if (acks.failure) break;
        const message = messages[index]!;
        try {
          this.nc.publish(message.subject, message.payload, { reply: `${inbox}.${index}`, headers: headersOf(message) });
        } catch (error) {
          // The client refuses it before sending (over the server's max_payload, an invalid subject).
          if (this.nc.isClosed()) throw error;
          acks.refuse(index, error as Error);
          break;
        }
        acks.sent = index + 1;
        if (acks.unacknowledged >= this.window) await acks.settle(this.window - 1, this.ackTimeoutMs);
      }
      await acks.settle(0, this.ackTimeoutMs);
    } catch (error) {
      const refused = acks.refused;
      if (!refused) throw error;
      // The messages before the refused one must be stored before the relay may delete their rows.
      await acks.settlePrefix(refused.index, this.ackTimeoutMs);
      throw new MessageRefusedError(refused.index, refused.error.message);
    } finally {
      subscription.unsubscribe();
    }
  }
}

/** The bus refused message #refusedIndex of a batch (see OutboxRefusal in @ws/eventstore). */
export class MessageRefusedError extends Error {
  constructor(
    readonly refusedIndex: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'MessageRefusedError';
  }
}

/** Counts the acks of one batch and lets the publisher wait until few enough are missing. */
class AckWindow {
  sent = 0;
  failure?: Error;
  /** The first message the bus refused, if any. */
  refused?: { index: number; error: Error };
  private readonly acked: Uint8Array;
  private count = 0;
  private wake?: () => void;

  constructor(size: number) {
    this.acked = new Uint8Array(size);
  }

  get unacknowledged(): number {
    return this.sent - this.count;
  }

  receive(error: Error | null, msg: Msg): void {
    if (error) this.failure ??= error;
    else {
      const index = Number(msg.subject.slice(msg.subject.lastIndexOf('.') + 1));
      const refusal = refusalIn(msg, index);
      if (refusal) this.refuse(index, refusal);
      else if (this.acked[index] === 0) {
        this.acked[index] = 1;
        this.count++;
      }
    }
    this.wake?.();
  }

  refuse(index: number, error: Error): void {
    if (!this.refused || index < this.refused.index) this.refused = { index, error };
    this.failure ??= error;
  }

  /** Resolves once every message before `index` is acknowledged; rejects (not a refusal) on a stall. */
  async settlePrefix(index: number, timeoutMs: number): Promise<void> {
    while (this.acked.subarray(0, index).includes(0)) {
      if (!(await this.nextAck(timeoutMs))) throw this.stalled(timeoutMs);
    }
  }

  /** Resolves once at most `missing` sent messages lack an ack; rejects on a failure or a stall. */
  async settle(missing: number, timeoutMs: number): Promise<void> {
    while (!this.failure && this.unacknowledged > missing) {
      if (!(await this.nextAck(timeoutMs)) && !this.failure && this.unacknowledged > missing) this.failure = this.stalled(timeoutMs);
    }
    if (this.failure) throw this.failure;
  }

  /** Waits for the next answer; false if none came within `timeoutMs` (no new ack counted). */
  private async nextAck(timeoutMs: number): Promise<boolean> {
    const before = this.count;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
    return this.count !== before;
  }

  private stalled(timeoutMs: number): Error {
    return new Error(`JetStream acknowledged ${this.count} of ${this.sent} messages, then nothing for ${timeoutMs} ms`);
  }
}

/** The stream's refusal in an ack, or undefined for a stored (or duplicate) message. */
function refusalIn(msg: Msg, index: number): Error | undefined {
  if (msg.headers?.code === NO_RESPONDERS) return new Error(`no stream takes the subject of message #${index} of the batch (no responders)`);
  let ack: { stream?: string; error?: { code?: number; description?: string } };
  try {
    ack = JSON.parse(msg.string()) as typeof ack;
  } catch {
    return new Error(`unreadable JetStream ack: ${msg.string()}`);
  }
  if (ack.error) return new Error(`JetStream refused a message: ${ack.error.description ?? 'error'} (${ack.error.code ?? '?'})`);
  if (!ack.stream) return new Error(`not a JetStream ack: ${msg.string()}`);
  return undefined;
}

function headersOf(message: OutboxMessageLike): MsgHdrs {
  const result = natsHeaders();
  for (const [key, value] of Object.entries(message.headers)) result.set(key, value);
  result.set(HEADERS.msgId, message.eventId);
  return result;
}

/**
 * Replies must come back to an inbox the connection may subscribe to: a node's connections use
 * their own inbox prefix (nodeInboxPrefix), which the client keeps in its options.
 */
function inboxPrefixOf(nc: NatsConnection): string | undefined {
  return (nc as NatsConnection & { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
}
