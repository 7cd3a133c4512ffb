import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Public, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { checkedClientKey } from '../../shared/idempotency';
import { PostWishDto } from './post-wish.dto';
import { PostedWish, PostWishHandler } from './post-wish.handler';

@ApiTags('心愿墙 wishes')
@Controller('wishes')
export class PostWishController {
  constructor(private readonly handler: PostWishHandler) {}

  @Post()
  @Public()
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重发同一请求时返回同一条心愿' })
  @ApiOperation({ summary: '扫码提交心愿或建议（无需账号）；返回心愿编号和作者凭证' })
  async post(@Body() dto: PostWishDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return replied(reply, await this.handler.post(dto, { kind: 'worker', postedBy: null }, checkedClientKey(key)));
  }

  @Post('on-behalf')
  @Roles('station_manager')
  @ApiBearerAuth()
  @HttpCode(201)
  @ApiOperation({ summary: '站长代职工提交心愿' })
  async postOnBehalf(
    @Body() dto: PostWishDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return replied(reply, await this.handler.postOnBehalf(dto, principal, key));
  }
}

function replied(reply: FastifyReply, posted: PostedWish): PostedWish {
  if (posted.replayed) void reply.status(200);
  return posted;
}
