import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, problemFromDomainError } from '@ws/kernel';
import { DASHBOARD_ERRORS } from '../errors';
import type { DashboardConfig } from '../dashboard-config';
import { DASHBOARD_CONFIG } from '../tokens';
import { dashboardError } from '../errors';

const TIMEOUT_MS = 10_000;

/**
 * Notify's pages on the node's front, beside /api/notify/…: the development message box at
 * /messages/ (what SMS, WeChat and push would have sent, codes included) and the short links
 * messages carry, /s/<code>, which notify answers with a redirect to the page concerned.
 */
@Controller()
export class NotifyPagesController {
  constructor(@Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig) {}

  @Get('messages')
  toBox(@Res() reply: FastifyReply): void {
    void reply.status(301).header('location', '/messages/').send();
  }

  @Get('messages/*')
  async box(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const rest = request.url.slice('/messages/'.length);
    const [path, query] = rest.split('?', 2) as [string, string | undefined];
    if (path !== '' && path !== 'box.json') throw dashboardError('route_not_found', '没有这个页面');
    await this.forward(`/messages${path ? `/${path}` : ''}${query ? `?${query}` : ''}`, reply);
  }

  @Get('s/:code')
  async shortLink(@Param('code') code: string, @Res() reply: FastifyReply): Promise<void> {
    if (!/^[0-9a-z]{6,16}$/.test(code)) throw dashboardError('not_found', '链接不存在或已失效', 'code');
    await this.forward(`/s/${code}`, reply);
  }

  private async forward(path: string, reply: FastifyReply): Promise<void> {
    const base = this.config.upstreams.notify;
    if (!base) throw dashboardError('upstream_not_configured', '本节点没有配置 notify 服务', 'app');
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      const problem = problemFromDomainError(dashboardError('upstream_unavailable', 'notify 服务暂不可用'), DASHBOARD_ERRORS);
      void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
      return;
    }
    void reply.status(response.status).header('cache-control', 'no-store');
    for (const name of ['content-type', 'location']) {
      const value = response.headers.get(name);
      if (value) void reply.header(name, value);
    }
    void reply.send(Buffer.from(await response.arrayBuffer()));
  }
}
