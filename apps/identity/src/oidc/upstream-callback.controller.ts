import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@ws/kernel';
import { OIDC_PREFIX } from './oidc.service';
import { errorPage } from './pages';
import { UpstreamLogin, UpstreamRefused } from './upstream-login';

/**
 * The upstream provider's redirect back (one fixed URI for the node's client there): the sign-in
 * is checked and the browser sent on to its interaction, whose cookie it holds, to finish.
 */
@ApiExcludeController()
@Public()
@Controller(`${OIDC_PREFIX.slice(1)}/upstream`)
export class UpstreamCallbackController {
  private readonly log = new Logger('UpstreamSignIn');

  constructor(private readonly upstream: UpstreamLogin) {}

  @Get('callback')
  async callback(@Query('state') state: string | undefined, @Query('code') code: string | undefined, @Query('error') error: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    try {
      const { uid } = await this.upstream.complete(state, code, error);
      reply.redirect(`${OIDC_PREFIX}/interaction/${uid}/upstream/done`, 303);
    } catch (refusal) {
      if (!(refusal instanceof UpstreamRefused)) this.log.warn(`upstream sign-in failed: ${refusal instanceof Error ? refusal.message : String(refusal)}`);
      const message = refusal instanceof UpstreamRefused ? refusal.message : `暂时无法完成${this.upstream.provider?.name ?? '统一身份认证'}登录，请稍后再试或使用密码登录`;
      reply.code(refusal instanceof UpstreamRefused ? 403 : 502).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(errorPage(message));
    }
  }
}
