import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '@ws/kernel';
import { CodeRequestDto, SessionDto } from './sign-in.dto';
import { SignInHandler } from './sign-in.handler';

/** Mobile codes and sign-in for seekers and employers (零工之家 accounts, not officers). */
@ApiTags('零工之家 jobs')
@Controller('accounts')
export class SignInController {
  constructor(private readonly handler: SignInHandler) {}

  @Post('codes')
  @HttpCode(202)
  @Public()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '发送短信验证码：注册（任何手机号）或登录（已注册的手机号；未注册的答复相同但不发送）' })
  sendCode(@Body() body: CodeRequestDto) {
    return this.handler.sendCode(body);
  }

  @Post('sessions')
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: '求职者或雇主登录：手机号 + 短信验证码 → 会话令牌' })
  login(@Body() body: SessionDto) {
    return this.handler.signIn(body);
  }
}
