import type { OutboxMessage, OutboxPublisher } from '../outbox';

/**
 * Stands in for JetStream in the relay's tests: `attempts` is every message that reached the
 * bus (republishes included); `stored` is what a stream with Nats-Msg-Id deduplication keeps,
 * i.e. what a consumer sees.
 */
export class InMemoryPublisher implements OutboxPublisher {
  readonly attempts: OutboxMessage[] = [];
  readonly stored: OutboxMessage[] = [];
  private readonly ids = new Set<string>();
  private inFlight = 0;
  /** Most publishBatch calls that ever overlapped. */
  maxConcurrent = 0;
  calls = 0;
  /** Pause inside each publishBatch, to widen windows for concurrency tests. */
  delayMs = 0;
  /** Called before each message is stored: throw to fail the batch at that point. */
  beforeMessage?: (message: OutboxMessage, indexInBatch: number, call: number) => void;
  /** Called after a batch is stored: throw to lose the acknowledgement of a published batch. */
  afterBatch?: (call: number) => void;

  async publishBatch(messages: OutboxMessage[]): Promise<void> {
    const call = ++this.calls;
    this.inFlight++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.inFlight);
    try {
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      messages.forEach((message, index) => {
        this.beforeMessage?.(message, index, call);
        this.attempts.push(message);
        const id = message.headers['Nats-Msg-Id']!;
        if (!this.ids.has(id)) {
          this.ids.add(id);
          this.stored.push(message);
        }
      });
      this.afterBatch?.(call);
    } finally {
      this.inFlight--;
    }
  }

  /** The stored envelopes' stream versions per stream, in stored order. */
  versionsByStream(): Map<string, Array<number | null>> {
    const byStream = new Map<string, Array<number | null>>();
    for (const message of this.stored) {
      const envelope = JSON.parse(message.payload) as { streamId: string; streamVersion: number | null };
      const list = byStream.get(envelope.streamId) ?? [];
      list.push(envelope.streamVersion);
      byStream.set(envelope.streamId, list);
    }
    return byStream;
  }
}
