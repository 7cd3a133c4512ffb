import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { CurrentAccount, EmployerOnly } from '../../access/jobs-access';
import { ErasureCodeDto } from '../../shared/dto';
import { EraseEmployerContactHandler } from './erase-employer-contact.handler';

/** A signed-in employer erases its contact person's data (注销联系人信息), confirmed by a code to that mobile. */
@ApiTags('零工之家 jobs')
@Controller('employers/me/erasure')
export class EraseEmployerContactController {
  constructor(private readonly handler: EraseEmployerContactHandler) {}

  @Post('code')
  @HttpCode(202)
  @EmployerOnly()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '注销联系人信息：向登记的联系人手机号发送验证码' })
  sendCode(@CurrentAccount() employerId: string) {
    return this.handler.sendCode(employerId);
  }

  @Post()
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '注销联系人信息：单位删除联系人手机号（单位名称、信用代码和招工信息保留）；个人雇主删除全部个人信息并撤回未结束的招工；会话随之结束；已注销的为 410' })
  erase(@CurrentAccount() employerId: string, @Body() body: ErasureCodeDto) {
    return this.handler.erase(employerId, body);
  }
}
