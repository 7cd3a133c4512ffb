import { Controller, Get, Inject, Logger, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, problemFromDomainError } from '@ws/kernel';
import type { DashboardConfig } from '../dashboard-config';
import { DASHBOARD_CONFIG } from '../tokens';
import { isUpstreamApp, upstreamUrl } from './upstream-url';

const UPSTREAM_TIMEOUT_MS = 10_000;
/** Request headers worth passing on: content negotiation, and an officer's token for protected reads. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'authorization'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'etag', 'last-modified'];

/**
 * GET /api/<app>/... → the node's <app> service, so the page only ever talks to its own origin
 * (no CORS, one address to open on the LAN). Reads only: there is no route for other methods.
 */
@Controller('api')
export class UpstreamProxyController {
  private readonly logger = new Logger('UpstreamProxy');

  constructor(@Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig) {}

  @Get(':app/*')
  async forward(@Param('app') app: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const base = isUpstreamApp(app) ? this.config.upstreams[app] : undefined;
    if (!base) throw new DomainError('upstream_not_configured', `本节点没有配置 ${app} 服务`, 'app');
    const target = upstreamUrl(base, request.url, app);
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }

    let response: Response;
    try {
      response = await fetch(target, { headers, signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS), redirect: 'manual' });
    } catch (error) {
      // A service that is down or not deployed yet is the page's 暂无数据, not a dashboard fault:
      // answered here, without the error log and stack of the problem filter.
      const timedOut = (error as Error).name === 'TimeoutError';
      this.logger.debug(`${app} at ${base}: ${(error as Error).message}`);
      const problem = problemFromDomainError(
        timedOut ? new DomainError('upstream_timeout', `${app} 服务响应超时`) : new DomainError('upstream_unavailable', `${app} 服务暂不可用`),
      );
      void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send({ ...problem, instance: request.url });
      return;
    }
    const body = Buffer.from(await response.arrayBuffer());
    void reply.status(response.status);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value) void reply.header(name, value);
    }
    void reply.header('cache-control', 'no-store').send(body);
  }
}
