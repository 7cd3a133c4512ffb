import { JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';

const CONSUMER_NOT_FOUND = 10014;

/**
 * How far a durable consumer had got: every message of the stream up to this sequence was
 * acknowledged. Undefined when there is no such consumer. For a checkpointed reaction taking over
 * from a durable consumer of the JetStream transport it replaced (see @Reaction's `replaces`).
 */
export async function durableAckFloor(jsm: JetStreamManager, stream: string, durable: string): Promise<number | undefined> {
  try {
    return (await jsm.consumers.info(stream, durable)).ack_floor.stream_seq;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === CONSUMER_NOT_FOUND) return undefined;
    throw error;
  }
}

/** Deletes a durable consumer that nothing reads any more; one already gone is fine. */
export async function deleteDurable(jsm: JetStreamManager, stream: string, durable: string): Promise<void> {
  try {
    await jsm.consumers.delete(stream, durable);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === CONSUMER_NOT_FOUND)) throw error;
  }
}
