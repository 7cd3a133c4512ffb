import type { DirectiveEvent, DirectiveGoal } from '@ws/contracts';
import { assertNever, type Decider } from '@ws/kernel';
import { decideAmendDeadline, type AmendDeadline } from './amend-deadline/amend-deadline.command';
import { decideIssueDirective, type IssueDirective } from './issue-directive/issue-directive.command';
import { decideWithdrawDirective, type WithdrawDirective } from './withdraw-directive/withdraw-directive.command';

/** A directive at its issuer (stream directive-<id>): what was asked, of whom, by when, and whether it still stands. */
export interface DirectiveState {
  issued: { issuerNode: string; goal: DirectiveGoal; children: string[] | null; deadline: string } | null;
  withdrawn: boolean;
}

export type DirectiveCommand = IssueDirective | WithdrawDirective | AmendDeadline;

export const directiveDecider: Decider<DirectiveCommand, DirectiveEvent, DirectiveState> = {
  initialState: () => ({ issued: null, withdrawn: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'DirectiveIssued': {
        const { issuerNode, goal, children, deadline } = event.data;
        return { issued: { issuerNode, goal, children, deadline }, withdrawn: false };
      }
      case 'DirectiveWithdrawn':
        return { ...state, withdrawn: true };
      case 'DirectiveDeadlineAmended':
        return state.issued ? { ...state, issued: { ...state.issued, deadline: event.data.deadline } } : state;
      default:
        return assertNever(event, 'directive event');
    }
  },
  decide(command, state, context) {
    switch (command.type) {
      case 'IssueDirective':
        return decideIssueDirective(command, state, context);
      case 'WithdrawDirective':
        return decideWithdrawDirective(command, state);
      case 'AmendDeadline':
        return decideAmendDeadline(command, state, context);
      default:
        return assertNever(command, 'directive command');
    }
  },
};
