import { Injectable } from '@nestjs/common';
import { newId } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { TaskDispatcher } from '../task-dispatcher';
import { taskAggregate } from '../../aggregates';

/** A volunteer's answer to an invitation; a decline carries the offer to the next candidate, ranked from the volunteers' board. */
@Injectable()
export class RespondInvitationHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly dispatcher: TaskDispatcher,
  ) {}

  async accept(taskId: string, invitationId: string, volunteerId: string) {
    const { state, version } = await this.runner.run(taskAggregate, taskId, () => ({ type: 'AcceptInvitation', invitationId, volunteerId }), {
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { taskId, invitationId, status: state.status, assignee: state.assignee, version };
  }

  async decline(taskId: string, invitationId: string, reason: string | undefined, volunteerId: string) {
    const { state, version } = await this.runner.run(
      taskAggregate,
      taskId,
      async (current) => ({
        type: 'DeclineInvitation',
        invitationId,
        volunteerId,
        reason: reason ?? null,
        offer: await this.dispatcher.offerFor(current, newId()),
      }),
      { meta: { actor: `volunteer:${volunteerId}` } },
    );
    return { taskId, invitationId, status: 'declined', taskStatus: state.status, scope: state.scope, version };
  }
}
