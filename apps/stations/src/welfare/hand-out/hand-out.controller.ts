import { Body, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ws/kernel';
import { KEEPERS, WelfareRoutes } from '../welfare-routes';
import { HandOutDto } from './hand-out.dto';
import { HandOutHandler } from './hand-out.handler';

/** Welfare (关爱物资): handouts recorded by officers and station managers. */
@WelfareRoutes()
export class HandOutController {
  constructor(private readonly handler: HandOutHandler) {}

  @Post('handouts') @Roles(...KEEPERS)
  @ApiOperation({ summary: '登记发放（送清凉、冬送温暖、节日慰问）：数量、受惠人数（不记姓名）、可选出示的会员卡（只计张数，卡号加密存于本节点）、金额；从库存发放时库存不足即拒绝' })
  handOut(@Body() dto: HandOutDto, @CurrentPrincipal() p: Principal) {
    return this.handler.handOut(dto, p);
  }
}
