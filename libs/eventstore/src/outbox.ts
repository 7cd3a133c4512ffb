/** An outbox row on its way to the bus. */
export interface OutboxMessage {
  position: number;
  eventId: string;
  subject: string;
  headers: Record<string, string>;
  /** JSON.stringify(EventEnvelope). */
  payload: string;
}

export interface OutboxPublisher {
  /**
   * Publishes in the given order and resolves when the bus has acknowledged every message
   * (deduplicating by Nats-Msg-Id); rejects if any was not acknowledged.
   */
  publishBatch(messages: OutboxMessage[]): Promise<void>;
}

/**
 * A publisher's failure caused by one message of the batch — the bus refused it (too large, no
 * stream takes its subject, a JetStream error) — rather than by the bus being away. The
 * messages before `refusedIndex` were acknowledged; the ones after it were not all sent.
 */
export interface OutboxRefusal {
  refusedIndex: number;
  message: string;
}

export function isOutboxRefusal(error: unknown): error is OutboxRefusal {
  return typeof error === 'object' && error !== null && typeof (error as { refusedIndex?: unknown }).refusedIndex === 'number';
}
