import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';

@ApiTags('积分超市 shop')
@Controller('shop/items')
export class ShopStockController {
  constructor(@Inject(DB) private readonly db: Kysely<MembershipDatabase>) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '积分超市商品：兑换积分、库存、已兑换数' })
  list() {
    return this.db
      .selectFrom('shop_items')
      .select(['item_id as itemId', 'name', 'points', 'stock', 'redeemed', 'status', 'updated_at as updatedAt', 'version'])
      .where('status', '=', 'listed')
      .orderBy('points')
      .execute();
  }
}
