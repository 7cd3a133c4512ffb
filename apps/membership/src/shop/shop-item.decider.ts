import { ShopItemEvent } from '@ws/contracts';
import { assertNever, checkEventText, Decider, DomainError } from '@ws/kernel';
import { MAX_POINTS_PER_ENTRY } from '../points/points.decider';
import { membershipError } from '../membership.errors';

export const MAX_STOCK = 1_000_000;
export const MAX_QUANTITY_PER_REDEMPTION = 100;

export interface ShopItemState {
  status: 'none' | 'listed' | 'withdrawn';
  itemId: string;
  name: string;
  points: number;
  stock: number;
  redemptions: Record<string, number>;
}

export type ShopItemCommand =
  | { type: 'ListItem'; itemId: string; name: string; points: number; stock: number }
  | { type: 'RestockItem'; quantity: number }
  | { type: 'RepriceItem'; points: number }
  | { type: 'WithdrawItem' }
  | { type: 'TakeForRedemption'; redemptionId: string; quantity: number };

const initialState = (): ShopItemState => ({ status: 'none', itemId: '', name: '', points: 0, stock: 0, redemptions: {} });

function checkPrice(points: number): DomainError | undefined {
  if (!Number.isInteger(points) || points <= 0 || points > MAX_POINTS_PER_ENTRY) {
    return membershipError('points_invalid', `兑换积分应为 1–${MAX_POINTS_PER_ENTRY} 的整数`, 'points');
  }
  return undefined;
}

function checkCount(value: number, field: string, max: number, allowZero: boolean): DomainError | undefined {
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1) || value > max) {
    return membershipError('quantity_invalid', `${field} 应为 ${allowZero ? 0 : 1}–${max} 的整数`, field);
  }
  return undefined;
}

function requireListed(state: ShopItemState): DomainError | undefined {
  if (state.status === 'none') return membershipError('shop_item_not_found', '商品不存在');
  if (state.status !== 'listed') return membershipError('shop_item_not_listed', '商品已下架');
  return undefined;
}

function decide(command: ShopItemCommand, state: ShopItemState): ShopItemEvent[] | DomainError {
  switch (command.type) {
    case 'ListItem': {
      if (state.status !== 'none') return membershipError('shop_item_already_exists', '商品已存在', 'itemId');
      const name = checkEventText(command.name, 'name', { max: 100, label: '商品名称' });
      if (name instanceof DomainError) return name;
      const refused = checkPrice(command.points) ?? checkCount(command.stock, 'stock', MAX_STOCK, true);
      if (refused) return refused;
      return [{ type: 'ShopItemListed', data: { itemId: command.itemId, name, points: command.points, stock: command.stock } }];
    }
    case 'RestockItem': {
      const refused = requireListed(state) ?? checkCount(command.quantity, 'quantity', MAX_STOCK - state.stock, false);
      if (refused) return refused;
      return [{ type: 'ShopItemRestocked', data: { itemId: state.itemId, quantity: command.quantity } }];
    }
    case 'RepriceItem': {
      const refused = requireListed(state) ?? checkPrice(command.points);
      if (refused) return refused;
      if (command.points === state.points) return [];
      return [{ type: 'ShopItemRepriced', data: { itemId: state.itemId, points: command.points } }];
    }
    case 'WithdrawItem': {
      if (state.status === 'withdrawn') return [];
      const refused = requireListed(state);
      if (refused) return refused;
      return [{ type: 'ShopItemWithdrawn', data: { itemId: state.itemId } }];
    }
    case 'TakeForRedemption': {
      const earlier = state.redemptions[command.redemptionId];
      if (earlier !== undefined) {
        return earlier === command.quantity ? [] : membershipError('redemption_id_reused', '该兑换编号已用于另一次兑换', 'redemptionId');
      }
      const refused = requireListed(state) ?? checkCount(command.quantity, 'quantity', MAX_QUANTITY_PER_REDEMPTION, false);
      if (refused) return refused;
      if (state.stock < command.quantity) {
        return membershipError('out_of_stock', `库存不足：剩余 ${state.stock}`, 'quantity', { stock: state.stock });
      }
      return [{ type: 'ShopItemRedeemed', data: { itemId: state.itemId, redemptionId: command.redemptionId, quantity: command.quantity } }];
    }
    default:
      return assertNever(command, 'shop item command');
  }
}

function evolve(state: ShopItemState, event: ShopItemEvent): ShopItemState {
  switch (event.type) {
    case 'ShopItemListed':
      return { ...state, status: 'listed', ...event.data };
    case 'ShopItemRestocked':
      return { ...state, stock: state.stock + event.data.quantity };
    case 'ShopItemRepriced':
      return { ...state, points: event.data.points };
    case 'ShopItemRedeemed':
      return {
        ...state,
        stock: state.stock - event.data.quantity,
        redemptions: { ...state.redemptions, [event.data.redemptionId]: event.data.quantity },
      };
    case 'ShopItemWithdrawn':
      return { ...state, status: 'withdrawn' };
    default:
      return assertNever(event, 'shop item event');
  }
}

export const shopItemDecider: Decider<ShopItemCommand, ShopItemEvent, ShopItemState> = { decide, evolve, initialState };
