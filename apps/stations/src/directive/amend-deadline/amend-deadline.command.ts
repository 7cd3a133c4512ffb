import type { DirectiveEvent } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import type { DirectiveState } from '../directive.decider';
import { checkDeadline, checkStanding } from '../directive.rules';

/** The issuer moves the deadline (earlier or later, never into the past); the same date is no change. */
export interface AmendDeadline {
  type: 'AmendDeadline';
  directiveId: string;
  deadline: string;
}

export function decideAmendDeadline(command: AmendDeadline, state: DirectiveState, context: DecideContext): DirectiveEvent[] | DomainError {
  const refusal = checkStanding(command.directiveId, state) ?? checkDeadline(command.deadline, context.now);
  if (refusal) return refusal;
  const issued = state.issued!;
  if (issued.deadline === command.deadline) return [];
  return [
    {
      type: 'DirectiveDeadlineAmended',
      data: { directiveId: command.directiveId, issuerNode: issued.issuerNode, deadline: command.deadline, previousDeadline: issued.deadline },
    },
  ];
}
