import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, newId, type Role, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { WelfareCommandHandler } from './welfare-command.handler';
import { HandOutDto, ReceiveStockDto, toHandOut, toReceiveStock } from './welfare.dto';

const KEEPERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];

/** The write side of welfare (关爱物资): stock received and handouts, by officers and station managers. */
@ApiTags('关爱物资 welfare')
@ApiBearerAuth()
@Controller('welfare')
export class WelfareController {
  constructor(private readonly handler: WelfareCommandHandler) {}

  @Post('stock') @Roles(...KEEPERS)
  @ApiOperation({ summary: '物资入库（清凉礼包、温暖礼包、换电礼包…），金额以分计' })
  async receive(@Body() dto: ReceiveStockDto, @CurrentPrincipal() p: Principal) {
    const receiptId = newId();
    return { receiptId, ...(await this.handler.execute(toReceiveStock(receiptId, dto), p)) };
  }

  @Post('handouts') @Roles(...KEEPERS)
  @ApiOperation({ summary: '登记发放（送清凉、冬送温暖、节日慰问）：数量、受惠人数（不记姓名）、金额；从库存发放时库存不足即拒绝' })
  async handOut(@Body() dto: HandOutDto, @CurrentPrincipal() p: Principal) {
    const handoutId = newId();
    return { handoutId, ...(await this.handler.execute(toHandOut(handoutId, dto), p)) };
  }
}
