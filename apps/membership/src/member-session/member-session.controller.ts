import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '@ws/kernel';
import { MemberCodeDto, MemberSignInDto } from './member-session.dto';
import { MEMBER_SESSION_HEADER, MEMBER_SESSION_MINUTES, MemberSessions } from './member-sessions';

@ApiTags('会员本人 members')
@Controller('member-sessions')
export class MemberSessionController {
  constructor(private readonly sessions: MemberSessions) {}

  @Post('codes')
  @HttpCode(202)
  @Public()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '会员登录：给登记的手机号发短信验证码（卡号与手机号不符时答复相同，但不发送）', description: '开发环境中验证码出现在节点的消息盒子 /messages/。' })
  sendCode(@Body() dto: MemberCodeDto) {
    return this.sessions.sendCode(dto.cardNumber, dto.mobile);
  }

  @Post()
  @HttpCode(201)
  @Public()
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  @ApiOperation({ summary: `会员登录：卡号 + 手机号 + 短信验证码 → 会员令牌（${MEMBER_SESSION_MINUTES} 分钟，放在请求头 ${MEMBER_SESSION_HEADER}）` })
  signIn(@Body() dto: MemberSignInDto) {
    return this.sessions.signIn(dto.cardNumber, dto.mobile, dto.code);
  }

  @Post('end')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: '退出登录：令牌作废' })
  async signOut(@Headers(MEMBER_SESSION_HEADER) token?: string): Promise<void> {
    await this.sessions.signOut(token);
  }
}
