import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ws/kernel';
import { RedeemDto } from './redeem.dto';
import { RedeemHandler } from './redeem.handler';
import { actorOf } from '../../shared/scope';

@ApiTags('积分超市 shop')
@ApiBearerAuth()
@Controller('shop/redemptions')
export class RedeemController {
  constructor(private readonly handler: RedeemHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('station_manager', 'street_officer', 'district_officer')
  @ApiOperation({ summary: '积分兑换：扣库存与扣积分同一事务；同一兑换编号只兑换一次' })
  redeem(@Body() dto: RedeemDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.redeem(dto, actorOf(principal), principal.role === 'station_manager' ? principal.station : undefined);
  }
}
