import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Kysely } from 'kysely';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { NotifyDatabase } from '../db/database';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { notifyError } from '../notify.errors';

/** `<origin>/s/<code>` (the front forwards /s/ here): the short link a message carries, to its page. */
@ApiTags('短链接 links')
@Controller('s')
export class ShortLinksController {
  constructor(
    @Inject(DB) private readonly db: Kysely<NotifyDatabase>,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
  ) {}

  @Get(':code')
  @Public()
  @ApiOperation({ summary: '短链接跳转到消息所指的页面（302）' })
  async follow(@Param('code') code: string, @Res() reply: FastifyReply): Promise<void> {
    const link = /^[0-9a-z]{6,16}$/.test(code) ? await this.db.selectFrom('short_links').select('path').where('code', '=', code).executeTakeFirst() : undefined;
    if (!link) throw notifyError('link_not_found', '链接不存在或已失效', 'code');
    void reply.status(302).header('location', `${this.config.publicOrigin}${link.path}`).header('cache-control', 'no-store').send();
  }
}
