import { All, Controller, Inject, Logger, Param, Req, Res } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, problemFromDomainError, sendProblem } from '@ws/kernel';
import { DASHBOARD_ERRORS } from '../errors';
import type { DashboardConfig } from '../dashboard-config';
import { DASHBOARD_CONFIG } from '../tokens';
import { forwardedRequestHeaders, locationThroughFront, passedResponseHeaders } from './proxy-headers';
import { isUpstreamApp, upstreamUrl } from './upstream-url';
import { dashboardError } from '../errors';

/** A read answers fast or the page shows 暂无数据; a write may carry a photo over a slow phone link. */
const READ_TIMEOUT_MS = 10_000;
const WRITE_TIMEOUT_MS = 60_000;
const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);

/**
 * /api/<app>/... → the node's <app> service, for every method, so the pages only ever talk to
 * their own origin (no CORS, one address to open on the LAN). The request body is streamed
 * through untouched (JSON or a multipart upload: the front parses no body, see dashboard.app.ts),
 * and so is the answer; only the headers in proxy-headers.ts cross.
 */
@Controller('api')
export class UpstreamProxyController {
  private readonly logger = new Logger('UpstreamProxy');

  constructor(@Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig) {}

  @All(':app/*')
  async forward(@Param('app') app: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const base = isUpstreamApp(app) ? this.config.upstreams[app] : undefined;
    if (!base) throw dashboardError('upstream_not_configured', `本节点没有配置 ${app} 服务`, 'app');
    const target = upstreamUrl(base, request.url, app);
    const method = request.method.toUpperCase();
    const hasBody = !BODILESS.has(method);
    // The browser going away (a rider walking out of coverage) ends the upstream request too.
    const aborted = new AbortController();
    reply.raw.once('close', () => aborted.abort());

    let response: Response;
    try {
      response = await fetch(target, {
        method,
        headers: forwardedRequestHeaders(request),
        ...(hasBody ? { body: Readable.toWeb(request.raw) as unknown as ReadableStream, duplex: 'half' } : {}),
        signal: AbortSignal.any([aborted.signal, AbortSignal.timeout(hasBody ? WRITE_TIMEOUT_MS : READ_TIMEOUT_MS)]),
        redirect: 'manual',
      } as RequestInit);
    } catch (error) {
      if (aborted.signal.aborted) return;
      // A service that is down or not deployed yet is the page's 暂无数据, not a front fault:
      // answered here, without the error log and stack of the problem filter.
      const timedOut = (error as Error).name === 'TimeoutError';
      this.logger.debug(`${app} at ${base}: ${(error as Error).message}`);
      const problem = problemFromDomainError(
        timedOut ? dashboardError('upstream_timeout', `${app} 服务响应超时`) : dashboardError('upstream_unavailable', `${app} 服务暂不可用`),
        DASHBOARD_ERRORS,
      );
      sendProblem(reply, problem, request.url);
      return;
    }
    void reply.status(response.status);
    for (const [name, value] of passedResponseHeaders(response.headers)) void reply.header(name, value);
    const location = response.headers.get('location');
    if (location) void reply.header('location', locationThroughFront(location, base, app));
    if (!response.body || method === 'HEAD') {
      void reply.send();
      return;
    }
    void reply.send(Readable.fromWeb(response.body as unknown as WebReadableStream));
  }
}
