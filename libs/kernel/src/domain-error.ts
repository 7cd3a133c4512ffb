/**
 * A rule of the domain said no. `code` is stable (clients branch on it); the HTTP status
 * comes from the one table in error-status.ts, never from the place that throws.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Deciders return errors rather than throw, so tests can compare them as values. */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
