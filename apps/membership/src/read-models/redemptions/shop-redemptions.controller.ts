import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { Kysely, sql } from 'kysely';
import { authorize, CurrentPrincipal, isUuid, type Principal, Roles } from '@ws/kernel';
import { DB, decodeCursor, DEFAULT_PAGE_SIZE, exactTimeText, page, PageQueryDto } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';

/** Who may read the redemptions list: the union officers of the node and of the nodes above it. */
export const REDEMPTION_LIST_ROLES = ['province_officer', 'city_officer', 'district_officer'] as const;

export class RedemptionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '只看某商品' }) @IsOptional() @IsUUID('all', { message: '商品编号无效' })
  itemId?: string;

  @ApiPropertyOptional({ description: '只看某驿站的兑换' }) @IsOptional() @MaxLength(64, { message: '驿站编号无效' })
  stationId?: string;

  @ApiPropertyOptional({ description: '只看某下级节点记录的兑换', example: '330802' }) @IsOptional() @Matches(/^\w{2,12}$/, { message: '节点代码无效' })
  nodeCode?: string;
}

/** A member card number shown in a list: the node prefix and the last 4 characters (3308******5678). */
export function maskCardNumber(card: string | null): string | null {
  if (!card) return null;
  return card.length <= 8 ? `${card.slice(0, 2)}****` : `${card.slice(0, 4)}${'*'.repeat(card.length - 8)}${card.slice(-4)}`;
}

/**
 * 积分兑换记录: the redemptions of the node and its subtree, newest first, keyset pages
 * `{ items, next }`. The member appears as a masked card number only — nothing from the vault,
 * so nothing to log as a disclosure.
 */
@ApiTags('积分超市 shop')
@Controller('shop/redemptions')
export class ShopRedemptionsController {
  constructor(@Inject(DB) private readonly db: Kysely<MembershipDatabase>) {}

  @Get()
  @ApiBearerAuth()
  @Roles(...REDEMPTION_LIST_ROLES)
  @ApiOperation({ summary: '积分兑换记录（会员卡号脱敏），最近的在前，分页：{ items, next }' })
  async list(@Query() query: RedemptionListQueryDto, @CurrentPrincipal() principal: Principal) {
    authorize(principal, { roles: REDEMPTION_LIST_ROLES, ...(query.nodeCode ? { node: query.nodeCode } : {}), field: 'nodeCode' });
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('shop_redemptions as r')
      .leftJoin('shop_items as i', 'i.item_id', 'r.item_id')
      .leftJoin('members as m', 'm.membership_id', 'r.membership_id')
      .select(['r.redemption_id', 'r.item_id', 'i.name as item_name', 'r.quantity', 'r.points', 'r.station_id', 'r.node_code', 'r.actor_kind', 'r.redeemed_at', 'm.card_number', 'm.erased'])
      // The cursor carries redeemed_at to the microsecond: redemptions of one millisecond are neither skipped nor repeated.
      .select(exactTimeText('r.redeemed_at').as('cursor_at'))
      .$if(Boolean(query.itemId), (qb) => qb.where('r.item_id', '=', query.itemId!))
      .$if(Boolean(query.stationId), (qb) => qb.where('r.station_id', '=', query.stationId!))
      .$if(Boolean(query.nodeCode), (qb) => qb.where('r.node_code', 'like', `${query.nodeCode}%`))
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(r.redeemed_at, r.redemption_id) < (${after!.at}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('r.redeemed_at', 'desc')
      .orderBy('r.redemption_id', 'desc')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (row) => ({ at: row.cursor_at, id: row.redemption_id }));
    return {
      items: result.items.map((r) => ({
        redemptionId: r.redemption_id,
        itemId: r.item_id,
        itemName: r.item_name,
        quantity: r.quantity,
        points: r.points,
        stationId: r.station_id,
        nodeCode: r.node_code,
        handedOverBy: r.actor_kind,
        // A redemption is final once made (stock and points taken together); there is no refund yet.
        state: 'redeemed' as const,
        redeemedAt: new Date(r.redeemed_at).toISOString(),
        member: r.erased ? { cardNumber: null, erased: true } : { cardNumber: maskCardNumber(r.card_number), erased: false },
      })),
      next: result.next,
    };
  }
}
