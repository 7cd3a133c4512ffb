/**
 * The one table from stable error codes to HTTP status. A code missing here is a 422
 * (a well-formed request the domain refuses); infrastructure codes are listed explicitly.
 * Services add their own codes by calling registerErrorStatuses at module load.
 */
const statusByCode = new Map<string, number>([
  ['validation_failed', 400],
  ['malformed_body', 400],
  ['unauthenticated', 401],
  ['forbidden', 403],
  ['out_of_scope', 403],
  ['not_found', 404],
  ['route_not_found', 404],
  ['version_conflict', 409],
  ['already_exists', 409],
  ['not_rebuildable', 409],
  ['bad_request', 400],
  ['method_not_allowed', 405],
  ['request_timeout', 408],
  ['payload_too_large', 413],
  ['uri_too_long', 414],
  ['unsupported_media_type', 415],
  ['rate_limited', 429],
  ['internal', 500],
  ['unavailable', 503],
]);

export function registerErrorStatuses(entries: Record<string, number>): void {
  for (const [code, status] of Object.entries(entries)) {
    const existing = statusByCode.get(code);
    if (existing !== undefined && existing !== status) {
      throw new Error(`error code ${code} already mapped to ${existing}, not ${status}`);
    }
    statusByCode.set(code, status);
  }
}

export function statusForCode(code: string): number {
  return statusByCode.get(code) ?? 422;
}
