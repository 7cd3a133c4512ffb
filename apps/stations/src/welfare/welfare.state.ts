import type { WelfareEvent, WelfareHolder, WelfareKind } from '@ws/contracts';
import { assertNever } from '@ws/kernel';

/** One holder's welfare as the decider needs it: where it is, and the stock of each kind. */
export interface WelfareState {
  holder: WelfareHolder | null;
  stock: Partial<Record<WelfareKind, number>>;
}

export function initialWelfareState(): WelfareState {
  return { holder: null, stock: {} };
}

export function evolveWelfare(state: WelfareState, event: WelfareEvent): WelfareState {
  const { stationId, streetCode, kind, quantity } = event.data;
  const holder = state.holder ?? { stationId, streetCode };
  const inStock = state.stock[kind] ?? 0;
  switch (event.type) {
    case 'WelfareStockReceived':
      return { holder, stock: { ...state.stock, [kind]: inStock + quantity } };
    case 'WelfareHandedOut':
      return event.data.fromStock ? { holder, stock: { ...state.stock, [kind]: inStock - quantity } } : { ...state, holder };
    default:
      return assertNever(event, 'welfare event');
  }
}
