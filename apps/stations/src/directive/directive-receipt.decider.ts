import type { DirectiveReceiptEvent } from '@ws/contracts';
import { assertNever, type Decider } from '@ws/kernel';
import { decideAcknowledgeDirective, type AcknowledgeDirective } from './acknowledge-directive/acknowledge-directive.command';

/**
 * A directive at a node it is addressed to (stream directive-receipt-<id>): received from above
 * (written by the DIR inbox), then acknowledged by the node's officer. Both facts go up the EVT.
 */
export interface DirectiveReceiptState {
  received: { issuerNode: string } | null;
  acknowledged: boolean;
}

/** The inbox records a directive addressed to this node; receiving it again is no change. */
export interface ReceiveDirective {
  type: 'ReceiveDirective';
  directiveId: string;
  issuerNode: string;
  nodeCode: string;
}

export type DirectiveReceiptCommand = ReceiveDirective | AcknowledgeDirective;

export const directiveReceiptDecider: Decider<DirectiveReceiptCommand, DirectiveReceiptEvent, DirectiveReceiptState> = {
  initialState: () => ({ received: null, acknowledged: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'DirectiveReceived':
        return { ...state, received: { issuerNode: event.data.issuerNode } };
      case 'DirectiveAcknowledged':
        return { ...state, acknowledged: true };
      default:
        return assertNever(event, 'directive receipt event');
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'ReceiveDirective': {
        if (state.received) return [];
        const { directiveId, issuerNode, nodeCode } = command;
        return [{ type: 'DirectiveReceived', data: { directiveId, issuerNode, nodeCode } }];
      }
      case 'AcknowledgeDirective':
        return decideAcknowledgeDirective(command, state);
      default:
        return assertNever(command, 'directive receipt command');
    }
  },
};
