import { Body, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, newId, type Principal, Roles } from '@ws/kernel';
import { WelfareCommands } from '../welfare-commands';
import { KEEPERS, WelfareRoutes } from '../welfare-routes';
import { ReceiveStockDto, toReceiveStock } from './receive-stock.dto';

/** Welfare (关爱物资): stock received at a station or a street. */
@WelfareRoutes()
export class ReceiveStockController {
  constructor(private readonly welfare: WelfareCommands) {}

  @Post('stock') @Roles(...KEEPERS)
  @ApiOperation({ summary: '物资入库（清凉礼包、温暖礼包、换电礼包…），金额以分计' })
  async receive(@Body() dto: ReceiveStockDto, @CurrentPrincipal() p: Principal) {
    const receiptId = newId();
    return { receiptId, ...(await this.welfare.run(toReceiveStock(receiptId, dto), p)) };
  }
}
