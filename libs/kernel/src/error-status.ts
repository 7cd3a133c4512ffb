import { DomainError } from './domain-error';

/**
 * A service's one table from stable error codes to HTTP status, made by `defineErrorTable` and
 * handed to the service's module (PlatformModule.forService({ errors })), which gives it to the
 * problem+json filter: nothing is registered at import, so what a service answers is what its
 * module says. A code missing from the table is a 422 (a well-formed request the domain refuses).
 */
export interface ErrorTable<Code extends string = string> {
  /** This table's codes with their statuses, the tables it includes and the kernel's own included. */
  readonly statuses: Readonly<Record<Code, number>>;
  /** The HTTP status of a code; 422 for one the table does not list. */
  statusOf(code: string): number;
}

/** Statuses of the codes the kernel and the framework use in every service (input, auth, infrastructure). */
const KERNEL_ERROR_STATUSES = {
  validation_failed: 400,
  malformed_body: 400,
  unauthenticated: 401,
  forbidden: 403,
  out_of_scope: 403,
  not_found: 404,
  route_not_found: 404,
  version_conflict: 409,
  already_exists: 409,
  /** Free text bound for an event that looks like a mobile or an ID number (checkEventText). */
  personal_data_in_text: 422,
  not_rebuildable: 409,
  bad_request: 400,
  method_not_allowed: 405,
  request_timeout: 408,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

const UNLISTED_STATUS = 422;

function tableOf<Code extends string>(statuses: Record<Code, number>): ErrorTable<Code> {
  const byCode = new Map<string, number>(Object.entries(statuses));
  return { statuses, statusOf: (code) => byCode.get(code) ?? UNLISTED_STATUS };
}

type KernelErrorCode = keyof typeof KERNEL_ERROR_STATUSES;
type CodeOf<Table> = Table extends ErrorTable<infer Code> ? Code : never;

/** The kernel's codes alone: for answers made before any service's table is known (Fastify's own refusals). */
export const KERNEL_ERRORS: ErrorTable<KernelErrorCode> = tableOf(KERNEL_ERROR_STATUSES);

/**
 * The error table of a service (or of a lib whose codes services include): its own codes, the
 * tables of the libs it uses (`included`), and the kernel's. A code mapped to two different
 * statuses is a mistake, refused when the table is made (at start-up, not at the first error).
 */
export function defineErrorTable<const Own extends Record<string, number>, const Included extends ErrorTable[] = []>(
  own: Own,
  ...included: Included
): ErrorTable<Extract<keyof Own, string> | KernelErrorCode | CodeOf<Included[number]>> {
  const statuses: Record<string, number> = {};
  for (const table of [KERNEL_ERRORS, ...included, tableOf(own)]) {
    for (const [code, status] of Object.entries<number>(table.statuses)) {
      const existing = statuses[code];
      if (existing !== undefined && existing !== status) throw new Error(`error code ${code} already mapped to ${existing}, not ${status}`);
      statuses[code] = status;
    }
  }
  return tableOf(statuses as Record<Extract<keyof Own, string> | KernelErrorCode | CodeOf<Included[number]>, number>);
}

/** A refusal decided elsewhere and answered again: a bulk item's outcome, a contracts check's. */
export interface PassedOnRefusal {
  code: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

/** How a service makes its errors (see `errorsOf`). */
export interface ErrorMaker<Code extends string> {
  (code: Code, message: string, field?: string, details?: Record<string, unknown>): DomainError;
  /**
   * A refusal whose code the compiler cannot see (a bulk outcome made from a decider's error),
   * thrown as one error of this service: the code is checked against the table here, and a code
   * the table does not list is a bug, refused as such (500 `internal`) rather than answered.
   */
  passOn(refusal: PassedOnRefusal): DomainError;
}

/**
 * The one way a service makes its errors: `export const notifyError = errorsOf(NOTIFY_ERRORS)`,
 * then `throw notifyError('channel_off', '本节点没有开通该渠道', 'channel')`. A code the table does not
 * list (its own, its libs' or the kernel's) does not compile, so the table says every code the
 * service answers and its status.
 */
export function errorsOf<Code extends string>(table: ErrorTable<Code>): ErrorMaker<Code> {
  const make = (code: Code, message: string, field?: string, details?: Record<string, unknown>): DomainError => new DomainError(code, message, field, details);
  const listed = new Set<string>(Object.keys(table.statuses));
  return Object.assign(make, {
    passOn: ({ code, message, field, details }: PassedOnRefusal): DomainError => {
      if (!listed.has(code)) throw new Error(`error code ${code} is not in the service's error table`);
      return new DomainError(code, message, field, details);
    },
  });
}

/** The kernel's own errors, for the libs below the services (auth, pages, the event store): kernel codes only. */
export const kernelError = errorsOf(KERNEL_ERRORS);
