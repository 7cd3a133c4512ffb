import { Injectable } from '@nestjs/common';
import { authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { taskErrors } from '../task.errors';
import { taskAggregate } from '../../aggregates';

/** A task cancelled by an officer of its street (or the district): the scope read in the same run as the decision. */
@Injectable()
export class CancelTaskHandler {
  constructor(private readonly runner: CommandRunner) {}

  async cancel(taskId: string, reason: string, principal: Principal, expectedVersion: number | undefined) {
    const { state, version } = await this.runner.run(
      taskAggregate,
      taskId,
      (current) => {
        if (current.status === 'none') throw taskErrors.notFound();
        authorize(principal, { street: current.streetCode, field: 'streetCode' });
        return { type: 'CancelTask', reason };
      },
      { expectedVersion, meta: { actor: principal.subject } },
    );
    return { taskId, status: state.status, version };
  }
}
