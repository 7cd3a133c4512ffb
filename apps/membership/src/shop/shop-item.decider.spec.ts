import type { ShopItemEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { shopItemDecider } from './shop-item.decider';

const listed: ShopItemEvent = { type: 'ShopItemListed', data: { itemId: 'i1', name: '清凉礼包', points: 20, stock: 3 } };
const take = (redemptionId: string, quantity: number) => ({ type: 'TakeForRedemption' as const, redemptionId, quantity });
const taken = (redemptionId: string, quantity: number): ShopItemEvent => ({ type: 'ShopItemRedeemed', data: { itemId: 'i1', redemptionId, quantity } });

describe('shop item decider', () => {
  it('lists an item with a price and stock', () => {
    spec(shopItemDecider).given([]).when({ type: 'ListItem', itemId: 'i1', name: ' 清凉礼包 ', points: 20, stock: 3 }).then([listed]);
    spec(shopItemDecider).given([]).when({ type: 'ListItem', itemId: 'i1', name: 'x', points: 0, stock: 3 }).thenError('points_invalid');
    spec(shopItemDecider).given([]).when({ type: 'ListItem', itemId: 'i1', name: 'x', points: 1, stock: -1 }).thenError('quantity_invalid');
  });

  it('takes stock for a redemption, never below zero', () => {
    spec(shopItemDecider).given([listed]).when(take('r1', 2)).then([taken('r1', 2)]);
    const error = spec(shopItemDecider).given([listed, taken('r1', 2)]).when(take('r2', 2)).thenError('out_of_stock');
    expect(error.details).toEqual({ stock: 1 });
  });

  it('takes stock once per redemption id', () => {
    spec(shopItemDecider).given([listed, taken('r1', 2)]).when(take('r1', 2)).thenNothing();
    spec(shopItemDecider).given([listed, taken('r1', 2)]).when(take('r1', 1)).thenError('redemption_id_reused');
  });

  it('restocks, reprices and withdraws; a withdrawn item cannot be redeemed', () => {
    spec(shopItemDecider).given([listed]).when({ type: 'RestockItem', quantity: 10 }).then([{ type: 'ShopItemRestocked', data: { itemId: 'i1', quantity: 10 } }]);
    spec(shopItemDecider).given([listed]).when({ type: 'RepriceItem', points: 30 }).then([{ type: 'ShopItemRepriced', data: { itemId: 'i1', points: 30 } }]);
    const withdrawn: ShopItemEvent = { type: 'ShopItemWithdrawn', data: { itemId: 'i1' } };
    spec(shopItemDecider).given([listed]).when({ type: 'WithdrawItem' }).then([withdrawn]);
    spec(shopItemDecider).given([listed, withdrawn]).when({ type: 'WithdrawItem' }).thenNothing();
    spec(shopItemDecider).given([listed, withdrawn]).when(take('r1', 1)).thenError('shop_item_not_listed');
    spec(shopItemDecider).given([]).when(take('r1', 1)).thenError('shop_item_not_found');
  });
});
