import type { EventEnvelope } from '@ws/contracts';

/** Why a reaction set a message aside: its body, its schema, or a handler failing on it every time. */
export type ReactionParkReason = 'undecodable' | 'unknown_schema' | 'failed';

export interface ReactionMessageRecord {
  /** The durable consumer (one per service and pattern). */
  consumer: string;
  stream: string;
  seq: number;
  subject: string;
  envelope?: EventEnvelope;
  payload: Uint8Array;
  detail: string;
  attempts: number;
}

/**
 * Where a reaction writes down what ends a message other than success: a parked message (the
 * ops endpoint retries or skips it; /health is red meanwhile) or a domain refusal. The message
 * is acknowledged only once this has been written; writing it may fail like anything else
 * (the database away) and is then retried.
 */
export interface ReactionRecorder {
  park(record: ReactionMessageRecord & { reason: ReactionParkReason }): Promise<void>;
  refused(record: ReactionMessageRecord & { code: string }): Promise<void>;
}

/** One consume loop of a reaction, as /health shows it. */
export interface ReactionConsumerStatus {
  consumer: string;
  pattern: string;
  /** `running` while its loop reads; `restarting` after it ended, until it reads again. */
  state: 'starting' | 'running' | 'restarting' | 'stopped';
  /** Times the loop ended and was started again. */
  restarts: number;
  lastError?: string;
  since: string;
}

/** What the platform sees of a reactions transport: its loops, and replaying a parked message. */
export interface ReactionsHandle {
  readonly service: string;
  consumers(): ReactionConsumerStatus[];
  /** Runs the handler of `consumer` on `envelope` once, now; throws what the handler throws. */
  replay(consumer: string, envelope: EventEnvelope, message: { subject: string; seq: number }): Promise<void>;
}

/** Capped exponential backoff: min · 2^(attempt-1), at most max. */
export function backoff(attempt: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, minMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
}
