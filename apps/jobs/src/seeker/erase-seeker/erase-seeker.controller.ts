import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { CurrentAccount, SeekerOnly } from '../../access/jobs-access';
import { ErasureCodeDto } from '../../shared/dto';
import { EraseSeekerHandler } from './erase-seeker.handler';

/** A signed-in seeker erases their own personal data (注销个人信息), confirmed by a code to their mobile. */
@ApiTags('零工之家 jobs')
@Controller('seekers/me/erasure')
export class EraseSeekerController {
  constructor(private readonly handler: EraseSeekerHandler) {}

  @Post('code')
  @HttpCode(202)
  @SeekerOnly()
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @ApiOperation({ summary: '注销个人信息：向本人登记的手机号发送验证码' })
  sendCode(@CurrentAccount() seekerId: string) {
    return this.handler.sendCode(seekerId);
  }

  @Post()
  @HttpCode(200)
  @SeekerOnly()
  @ApiOperation({ summary: '注销个人信息：撤回进行中的申请，删除姓名、身份证号、手机号和家的位置（删除密钥），会话随之结束；已注销的为 410' })
  erase(@CurrentAccount() seekerId: string, @Body() body: ErasureCodeDto) {
    return this.handler.erase(seekerId, body);
  }
}
