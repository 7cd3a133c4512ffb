import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '@ws/kernel';
import { PROOF_THROTTLE } from '../../inbox/proof-throttle';
import { InboxQueryDto, MarkReadDto } from './read-inbox.dto';
import { ReadInboxHandler } from './read-inbox.handler';

/**
 * The worker's inbox (站内信), for the worker pages. Every call carries the worker's proof in the
 * body (never in the URL); the owning service says whom it speaks for.
 */
@ApiTags('站内信 inbox')
@Controller('inbox')
export class ReadInboxController {
  constructor(private readonly handler: ReadInboxHandler) {}

  @Post('query')
  @HttpCode(200)
  @Public()
  @Throttle(PROOF_THROTTLE)
  @ApiOperation({ summary: '我的站内信（凭证放在请求体里），新的在前，按 next 翻页', description: '答复 { recipients, items, unread, next, channels }' })
  @ApiOkResponse({ description: 'items: [{ messageId, kind, kindLabel, title, body, link, shortLink, createdAt, read }]' })
  query(@Body() dto: InboxQueryDto) {
    return this.handler.query(dto);
  }

  @Post('read')
  @HttpCode(200)
  @Public()
  @Throttle(PROOF_THROTTLE)
  @ApiOperation({ summary: '标为已读' })
  read(@Body() dto: MarkReadDto) {
    return this.handler.read(dto);
  }
}
