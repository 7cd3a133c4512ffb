import fastifyHelmet from '@fastify/helmet';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { KERNEL_ERRORS } from './error-status';
import { problemOf, sendProblem } from './problem';

/**
 * The one place that sets up a Waystation web server (every service, the node's web front and
 * the SPAs it serves): Fastify's options, its own refusals as problem+json, the trusted proxies,
 * and the security headers with one content security policy.
 */
export interface WebServerOptions {
  /** Largest request body; more is 413 (default 1 MiB). */
  bodyLimit?: number;
  /**
   * Addresses (or CIDR ranges) of the proxies in front (the node's web front, a reverse proxy)
   * whose x-forwarded-for is believed: the client address (`request.ip`, which rate limits key
   * on) is the first one to the right that is not a trusted proxy. Empty: the socket's address.
   */
  trustedProxies?: readonly string[];
  /** Most time to receive a whole request (headers and body) from a client (default 30 s). */
  requestTimeoutMs?: number;
}

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Fastify with Waystation's settings, for NestFactory.create(module, createFastifyAdapter()). */
export function createFastifyAdapter(options: WebServerOptions = {}): FastifyAdapter {
  const trusted = [...(options.trustedProxies ?? [])];
  return new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT_BYTES,
    trustProxy: trusted.length > 0 ? trusted : false,
    requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    // While closing (SIGTERM), a request on a kept-alive connection is still served: in-flight
    // work finishes and no client sees a 503 from a graceful stop; idle connections are closed.
    return503OnClosing: false,
    // A URL parameter over maxParamLength (414) or an unparsable URL (400) is refused by the
    // router before any handler: the same problem+json as every other error.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, problemOf(error, KERNEL_ERRORS), request.url),
  });
}

/**
 * The content security policy of every page a node serves (the dashboard, /console/, /h5/,
 * OpenAPI at /docs): scripts only from the node itself (no inline script, no eval, no CDN),
 * styles from the node plus inline style attributes (chart and component libraries position
 * elements with them; a style cannot run code), images also as data:/blob: (QR codes, photo
 * previews), connections only to the same origin (the API, SSE), nothing may frame the page.
 * An SPA that needs more adds it through `extraDirectives` here, in one place, not per route.
 */
export function contentSecurityPolicy(extraDirectives: Record<string, string[]> = {}): Record<string, string[]> {
  const base: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  for (const [name, values] of Object.entries(extraDirectives)) base[name] = [...(base[name] ?? []), ...values];
  return base;
}

/**
 * Security headers on every answer (@fastify/helmet): the CSP above, nosniff, no referrer
 * across origins, frame denial, and no `upgrade-insecure-requests` — a node on an offline LAN
 * is served over plain http, and a browser told to upgrade would load nothing. Register before
 * the app's routes (right after NestFactory.create).
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, extraDirectives: Record<string, string[]> = {}): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(extraDirectives) },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only makes sense behind TLS, which a reverse proxy in front provides and sets itself.
    strictTransportSecurity: false,
  });
}

/**
 * The x-forwarded-for a proxying front sends on: the chain it could verify (the hops its own
 * trusted proxies reported, then the address it was called from), client first. Whatever a
 * client wrote into the header itself, beyond the trusted hops, is dropped.
 */
export function forwardedFor(request: Pick<FastifyRequest, 'ip' | 'ips'>): string {
  return (request.ips && request.ips.length > 0 ? [...request.ips].reverse() : [request.ip]).join(', ');
}

/** TRUSTED_PROXIES: a comma-separated list of addresses or CIDR ranges, `loopback`, or `none`. */
export function parseTrustedProxies(value: string): string[] {
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  return entries.length === 1 && entries[0] === 'none' ? [] : entries;
}
