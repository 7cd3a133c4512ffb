import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, uuidParam } from '@ws/kernel';
import { ErasePersonHandler } from './erase-person.handler';

@ApiTags('个人信息 personal data')
@ApiBearerAuth()
@Controller('persons')
export class ErasePersonController {
  constructor(private readonly handler: ErasePersonHandler) {}

  @Post(':personId/erasure')
  @HttpCode(200)
  @Roles('district_officer')
  @ApiOperation({ summary: '应本人要求注销个人信息（销毁个人密钥；事件保留，仅含编号）' })
  erase(@Param('personId', uuidParam('personId')) personId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.erase(personId, principal);
  }
}
