import type { FastifyRequest } from 'fastify';
import { forwardedFor } from '@ws/kernel';

/**
 * Which headers cross the front, by name (deny by default: cookies, hop-by-hop headers and
 * whatever else a browser sends stay at the front).
 * - to the service: content negotiation, the officer's token, a member's session on the worker
 *   pages (x-member-session), optimistic concurrency, the client's idempotency key and the body's type;
 * - back to the browser: what describes the answer (type, version, where a new thing is, a
 *   download's file name, how long it may be kept, when to retry).
 */
const REQUEST_HEADERS = ['accept', 'accept-language', 'authorization', 'content-type', 'if-match', 'if-none-match', 'idempotency-key', 'x-member-session'];
const RESPONSE_HEADERS = ['content-type', 'etag', 'last-modified', 'content-disposition', 'cache-control', 'retry-after'];

export function forwardedRequestHeaders(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REQUEST_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  // Set here, never taken from the client as it wrote it: the chain the front could verify (its
  // own trusted proxies' hops, then the address it was called from); the services' rate limits
  // key on its first address (they trust the front: TRUSTED_PROXIES).
  headers['x-forwarded-for'] = forwardedFor(request);
  headers['x-forwarded-proto'] = request.protocol;
  if (request.headers.host) headers['x-forwarded-host'] = request.headers.host;
  return headers;
}

/** The service's answer headers the browser gets; an answer without cache-control is not kept. */
export function passedResponseHeaders(headers: Headers): Array<[string, string]> {
  const passed: Array<[string, string]> = [];
  for (const name of RESPONSE_HEADERS) {
    const value = headers.get(name);
    if (value) passed.push([name, value]);
  }
  if (!headers.has('cache-control')) passed.push(['cache-control', 'no-store']);
  return passed;
}

/** A Location the service gives as its own path (or URL) is rewritten to the same place through the front. */
export function locationThroughFront(location: string, base: string, app: string): string {
  if (location.startsWith(`${base}/`)) return `/api/${app}${location.slice(base.length)}`;
  if (location.startsWith('/')) return `/api/${app}${location}`;
  return location;
}
