import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ws/kernel';
import { RegisterEmployerDto } from './register-employer.dto';
import { RegisterEmployerHandler } from './register-employer.handler';

/** Employers register themselves (mobile by code). */
@ApiTags('零工之家 jobs')
@Controller('employers')
export class RegisterEmployerController {
  constructor(private readonly handler: RegisterEmployerHandler) {}

  @Post()
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: '雇主注册：单位（统一社会信用代码）或个人，手机号验证码；返回雇主编号和会话令牌' })
  register(@Body() body: RegisterEmployerDto) {
    return this.handler.register(body);
  }
}
