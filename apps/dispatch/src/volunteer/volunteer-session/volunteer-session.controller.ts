import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '@ws/kernel';
import { VolunteerCodeDto, VolunteerSessionDto } from './volunteer-session.dto';
import { VolunteerSessionHandler } from './volunteer-session.handler';

@ApiTags('志愿者 volunteers')
@Controller('volunteer-sessions')
export class VolunteerSessionController {
  constructor(private readonly handler: VolunteerSessionHandler) {}

  @Post()
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: '志愿者登录：志愿者编号 + 登录码，或手机号 + 短信验证码 → 志愿者令牌' })
  login(@Body() body: VolunteerSessionDto) {
    return this.handler.login(body);
  }

  @Post('codes')
  @HttpCode(202)
  @Public()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '志愿者登录：给登记的手机号发短信验证码（未登记的号码答复相同，但不发送）', description: '开发环境中验证码出现在节点的消息盒子 /messages/。' })
  sendCode(@Body() body: VolunteerCodeDto) {
    return this.handler.sendCode(body);
  }
}
