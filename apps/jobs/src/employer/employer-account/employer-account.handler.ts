import { Injectable } from '@nestjs/common';
import { CommandRunner } from '@ws/platform';
import { employerAggregate } from '../../aggregates';
import { jobsError } from '../../errors';
import { runEmployerCommand } from '../run-employer-command';

/** An employer's own account: its state, and asking for the union's review. */
@Injectable()
export class EmployerAccountHandler {
  constructor(private readonly runner: CommandRunner) {}

  async me(employerId: string) {
    const { state } = await this.runner.load(employerAggregate, employerId);
    if (state.status === 'none') throw jobsError('employer_not_found', '没有这个雇主');
    return { employerId, kind: state.kind, streetCode: state.streetCode, status: state.status };
  }

  requestReview(employerId: string) {
    return runEmployerCommand(this.runner, employerId, { type: 'RequestEmployerReview' }, `employer:${employerId}`);
  }
}
