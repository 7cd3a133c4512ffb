import type { WelfareEvent } from '@ws/contracts';
import { assertNever, type Decider } from '@ws/kernel';
import { decideHandOut, type HandOut } from './hand-out/hand-out.command';
import { decideReceiveStock, type ReceiveStock } from './receive-stock/receive-stock.command';
import { evolveWelfare, initialWelfareState, type WelfareState } from './welfare.state';

export type WelfareCommand = ReceiveStock | HandOut;

/** One holder's welfare (关爱物资): stock received and handouts, the stock never negative. */
export const welfareDecider: Decider<WelfareCommand, WelfareEvent, WelfareState> = {
  initialState: initialWelfareState,
  evolve: evolveWelfare,
  decide(command, state, context) {
    switch (command.type) {
      case 'ReceiveStock':
        return decideReceiveStock(command, state, context);
      case 'HandOut':
        return decideHandOut(command, state, context);
      default:
        return assertNever(command, 'welfare command');
    }
  },
};
