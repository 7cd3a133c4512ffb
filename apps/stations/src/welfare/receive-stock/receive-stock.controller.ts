import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, newId, type Principal, Roles } from '@ws/kernel';
import { WelfareCommandHandler } from '../welfare-command.handler';
import { KEEPERS } from '../welfare-roles';
import { ReceiveStockDto, toReceiveStock } from './receive-stock.dto';

/** Welfare (关爱物资): stock received at a station or a street. */
@ApiTags('关爱物资 welfare')
@ApiBearerAuth()
@Controller('welfare')
export class ReceiveStockController {
  constructor(private readonly handler: WelfareCommandHandler) {}

  @Post('stock') @Roles(...KEEPERS)
  @ApiOperation({ summary: '物资入库（清凉礼包、温暖礼包、换电礼包…），金额以分计' })
  async receive(@Body() dto: ReceiveStockDto, @CurrentPrincipal() p: Principal) {
    const receiptId = newId();
    return { receiptId, ...(await this.handler.execute(toReceiveStock(receiptId, dto), p)) };
  }
}
