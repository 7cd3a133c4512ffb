import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ws/kernel';
import { RegisterSeekerDto } from './register-seeker.dto';
import { RegisterSeekerHandler } from './register-seeker.handler';

/** Seekers register with their real name (实名认证) and say what work they want, where and when. */
@ApiTags('零工之家 jobs')
@Controller('seekers')
export class RegisterSeekerController {
  constructor(private readonly handler: RegisterSeekerHandler) {}

  @Post()
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: '求职者实名注册：姓名 + 身份证号（校验位）+ 手机验证码；返回求职者编号和会话令牌' })
  register(@Body() body: RegisterSeekerDto) {
    return this.handler.register(body);
  }
}
