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
