import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, uuidParam } from '@ws/kernel';
import { KEEPERS, WelfareRoutes } from '../welfare-routes';
import { ReadMemberCardsHandler } from './read-member-cards.handler';

/** Welfare (关爱物资): the member cards shown at a handout, for who may record there. */
@WelfareRoutes()
export class ReadMemberCardsController {
  constructor(private readonly handler: ReadMemberCardsHandler) {}

  @Get('handouts/:id/member-cards') @Roles(...KEEPERS)
  @ApiOperation({ summary: '一次发放登记的会员卡号（只在登记的节点，从加密库读取，每次读取记入访问日志）' })
  memberCards(@Param('id', uuidParam()) id: string, @CurrentPrincipal() p: Principal) {
    return this.handler.memberCards(id, p);
  }
}
