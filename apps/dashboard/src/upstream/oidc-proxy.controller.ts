import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, problemFromDomainError, sendProblem } from '@ws/kernel';
import { DASHBOARD_ERRORS } from '../errors';
import type { DashboardConfig } from '../dashboard-config';
import { DASHBOARD_CONFIG } from '../tokens';
import { forwardedRequestHeaders, passedResponseHeaders } from './proxy-headers';
import { dashboardError } from '../errors';

const TIMEOUT_MS = 10_000;
const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * /oidc/… → the node's identity service, whose OpenID Connect provider (issuer
 * `<public origin>/oidc`) and sign-in pages live there. Unlike /api/, the sign-in is a browser
 * conversation: its cookies cross both ways, and a Location stays as the provider wrote it
 * (its own /oidc/ paths, or the console's callback).
 */
@Controller()
export class OidcProxyController {
  constructor(@Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig) {}

  @All(['oidc', 'oidc/*'])
  async forward(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const base = this.config.upstreams.identity;
    if (!base) throw dashboardError('upstream_not_configured', '本节点没有配置 identity 服务', 'app');
    const method = request.method.toUpperCase();
    const hasBody = !BODILESS.has(method);
    const headers = forwardedRequestHeaders(request);
    if (typeof request.headers.cookie === 'string') headers['cookie'] = request.headers.cookie;
    let response: Response;
    try {
      response = await fetch(`${base}${request.url}`, {
        method,
        headers,
        ...(hasBody ? { body: Readable.toWeb(request.raw) as unknown as ReadableStream, duplex: 'half' } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      } as RequestInit);
    } catch {
      sendProblem(reply, problemFromDomainError(dashboardError('upstream_unavailable', '登录服务暂不可用，请稍后再试'), DASHBOARD_ERRORS), request.url);
      return;
    }
    void reply.status(response.status);
    for (const [name, value] of passedResponseHeaders(response.headers)) void reply.header(name, value);
    for (const name of ['location', 'www-authenticate', 'pragma']) {
      const value = response.headers.get(name);
      if (value) void reply.header(name, value);
    }
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) void reply.header('set-cookie', cookies);
    if (!response.body || method === 'HEAD') {
      void reply.send();
      return;
    }
    void reply.send(Readable.fromWeb(response.body as unknown as WebReadableStream));
  }
}
