import { DomainError } from './domain-error';

/**
 * What a failure means for whoever retries:
 * - `refusal`: the domain said no (a DomainError); the same request gets the same answer.
 * - `transient`: the infrastructure is away or busy (Postgres or NATS unreachable, a timeout, a
 *   dropped connection, a serialisation failure, a version race); the same request may succeed
 *   later, so reactions retry it without limit and HTTP answers 503.
 * - `fault`: anything else — a bug, or an input the code cannot handle. Retrying a few times is
 *   cheap; retrying forever blocks what comes after it, so such a message is parked.
 */
export type FailureKind = 'refusal' | 'transient' | 'fault';

/** Thrown when a resource refuses work rather than queueing it without bound, or a deadline passed. */
export class UnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnavailableError';
  }
}

/** SQLSTATE classes of failures that are the server's state, not the statement's. */
const TRANSIENT_SQLSTATE_CLASSES = new Set([
  '08', // connection exception
  '40', // transaction rollback: serialisation failure, deadlock
  '53', // insufficient resources: too many connections, out of memory, disk full
  '57', // operator intervention: statement timeout, admin shutdown, cannot connect now
  '58', // system error (I/O)
]);
const TRANSIENT_SQLSTATES = new Set(['55P03' /* lock not available */, '25P03' /* idle-in-transaction timeout */]);

const TRANSIENT_SYSTEM_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN', 'ECONNABORTED']);

/** nats.js error classes and codes of a connection that is away, closing or slow. */
const TRANSIENT_NATS_NAMES = new Set(['TimeoutError', 'ConnectionError', 'ClosedConnectionError', 'DrainingConnectionError', 'NoRespondersError', 'RequestError']);
const TRANSIENT_NATS_CODES = new Set(['TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_REFUSED', 'CONNECTION_TIMEOUT', 'CONNECTION_DRAINING', 'DISCONNECT', '503']);

/** What pg and pg-pool say when the server or the network went away (they set no code). */
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /query read timeout/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /client was closed and is not queryable/i,
  /socket hang up/i,
];

export function classifyFailure(error: unknown): FailureKind {
  return classify(error, 0);
}

export function isTransientFailure(error: unknown): boolean {
  return classifyFailure(error) === 'transient';
}

function classify(error: unknown, depth: number): FailureKind {
  if (error instanceof DomainError) return error.code === 'version_conflict' || error.code === 'unavailable' ? 'transient' : 'refusal';
  if (typeof error !== 'object' || error === null || depth > 5) return 'fault';
  if (error instanceof UnavailableError) return 'transient';
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (/^[0-9A-Z]{5}$/.test(code) && (TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2)) || TRANSIENT_SQLSTATES.has(code))) return 'transient';
    if (TRANSIENT_SYSTEM_CODES.has(code) || TRANSIENT_NATS_CODES.has(code)) return 'transient';
  }
  if (typeof name === 'string' && TRANSIENT_NATS_NAMES.has(name)) return 'transient';
  if (typeof message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message))) return 'transient';
  const nested = [
    ...(error instanceof AggregateError ? error.errors : []),
    ...('cause' in error && (error as { cause?: unknown }).cause !== undefined ? [(error as { cause?: unknown }).cause] : []),
  ];
  return nested.some((inner) => classify(inner, depth + 1) === 'transient') ? 'transient' : 'fault';
}
