import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { AccountView } from '../account.dto';
import { ACCOUNT_MANAGER_ROLES } from '../scope-rules';
import { CreateAccountDto } from './open-account.dto';
import { OpenAccountHandler } from './open-account.handler';

/** Officers open accounts on their node. */
@ApiTags('账号 accounts')
@ApiBearerAuth()
@Roles(...ACCOUNT_MANAGER_ROLES)
@Controller('accounts')
export class OpenAccountController {
  constructor(private readonly handler: OpenAccountHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '开设账号（本节点；街道干部须填街道，站长须填驿站；首次登录须改密码并绑定验证器）' })
  @ApiCreatedResponse({ type: AccountView })
  create(@Body() body: CreateAccountDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.handler.open(body, principal);
  }
}
