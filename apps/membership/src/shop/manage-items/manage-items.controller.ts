import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, newId, type Principal, Roles, uuidParam } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { shopItemAggregate } from '../../aggregates';
import { actorOf } from '../../shared/scope';
import { ShopItemCommand } from '../shop-item.decider';
import { ListItemDto, RepriceDto, RestockDto } from './manage-items.dto';

/** The points shop's catalogue (积分超市): list, restock, reprice, withdraw. */
@ApiTags('积分超市 shop')
@ApiBearerAuth()
@Controller('shop/items')
@Roles('district_officer', 'street_officer')
export class ManageItemsController {
  constructor(private readonly commands: CommandRunner) {}

  @Post()
  @ApiOperation({ summary: '上架商品' })
  async list(@Body() dto: ListItemDto, @CurrentPrincipal() principal: Principal) {
    const itemId = dto.itemId ?? newId();
    return this.run(itemId, { type: 'ListItem', itemId, name: dto.name, points: dto.points, stock: dto.stock }, principal);
  }

  @Post(':itemId/restock')
  @HttpCode(200)
  @ApiOperation({ summary: '补货' })
  restock(@Param('itemId', uuidParam('itemId')) itemId: string, @Body() dto: RestockDto, @CurrentPrincipal() principal: Principal, @ExpectedVersion() v?: number) {
    return this.run(itemId, { type: 'RestockItem', quantity: dto.quantity }, principal, v);
  }

  @Post(':itemId/reprice')
  @HttpCode(200)
  @ApiOperation({ summary: '调整兑换积分' })
  reprice(@Param('itemId', uuidParam('itemId')) itemId: string, @Body() dto: RepriceDto, @CurrentPrincipal() principal: Principal, @ExpectedVersion() v?: number) {
    return this.run(itemId, { type: 'RepriceItem', points: dto.points }, principal, v);
  }

  @Post(':itemId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '下架' })
  withdraw(@Param('itemId', uuidParam('itemId')) itemId: string, @CurrentPrincipal() principal: Principal, @ExpectedVersion() v?: number) {
    return this.run(itemId, { type: 'WithdrawItem' }, principal, v);
  }

  private async run(itemId: string, command: ShopItemCommand, principal: Principal, expectedVersion?: number) {
    const { version } = await this.commands.run(shopItemAggregate, itemId, command, {
      meta: { actor: actorOf(principal) },
      expectedVersion,
    });
    return { itemId, version };
  }
}
