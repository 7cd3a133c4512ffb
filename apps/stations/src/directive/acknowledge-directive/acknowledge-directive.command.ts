import type { DirectiveReceiptEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import type { DirectiveReceiptState } from '../directive-receipt.decider';

/**
 * The node's officer acknowledges (签收) a directive it received. `withdrawn` is what the node
 * last heard from the issuer (its received-directives read model). Acknowledging twice is no change.
 */
export interface AcknowledgeDirective {
  type: 'AcknowledgeDirective';
  directiveId: string;
  nodeCode: string;
  withdrawn: boolean;
}

export function decideAcknowledgeDirective(command: AcknowledgeDirective, state: DirectiveReceiptState): DirectiveReceiptEvent[] | DomainError {
  if (!state.received) return stationsError('directive_not_received', `本节点没有收到编号为 ${command.directiveId} 的指令`);
  if (state.acknowledged) return [];
  if (command.withdrawn) return stationsError('directive_withdrawn', '该指令已被上级撤回，无需签收');
  return [{ type: 'DirectiveAcknowledged', data: { directiveId: command.directiveId, issuerNode: state.received.issuerNode, nodeCode: command.nodeCode } }];
}
