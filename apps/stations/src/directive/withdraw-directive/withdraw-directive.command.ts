import type { DirectiveEvent } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import type { DirectiveState } from '../directive.decider';
import { checkStanding } from '../directive.rules';

export const MAX_REASON_LENGTH = 200;

/** The issuer takes a directive back (撤回): its children see it withdrawn, and it no longer counts. */
export interface WithdrawDirective {
  type: 'WithdrawDirective';
  directiveId: string;
  reason: string;
}

export function decideWithdrawDirective(command: WithdrawDirective, state: DirectiveState): DirectiveEvent[] | DomainError {
  const refusal = checkStanding(command.directiveId, state);
  if (refusal) return refusal;
  const reason = typeof command.reason === 'string' ? command.reason.trim() : '';
  if (reason.length === 0 || reason.length > MAX_REASON_LENGTH) return stationsError('invalid_text', `撤回原因不能为空，且不超过 ${MAX_REASON_LENGTH} 个字`, 'reason');
  return [{ type: 'DirectiveWithdrawn', data: { directiveId: command.directiveId, issuerNode: state.issued!.issuerNode, reason } }];
}
