import { Injectable } from '@nestjs/common';
import { authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { employerAggregate, fairAggregate, postingAggregate } from '../../aggregates';
import { jobsError } from '../../errors';
import type { FairCommand, FairState } from '../fair.decider';

/** A fair's officers (its street's, the district's) attach employers and postings, count, and close it. */
@Injectable()
export class RunFairHandler {
  constructor(private readonly runner: CommandRunner) {}

  attachEmployer(fairId: string, employerId: string, principal: Principal) {
    return this.act(fairId, principal, async () => {
      const employer = (await this.runner.load(employerAggregate, employerId)).state;
      return { type: 'AttachEmployer', employerId, employerStatus: employer.status };
    });
  }

  attachPosting(fairId: string, postingId: string, principal: Principal) {
    return this.act(fairId, principal, async () => {
      const posting = (await this.runner.load(postingAggregate, postingId)).state;
      if (posting.status === 'none' || !posting.details) throw jobsError('posting_not_found', '没有这条招工信息', 'postingId');
      const employer = (await this.runner.load(employerAggregate, posting.employerId)).state;
      return { type: 'AttachPosting', postingId, employerId: posting.employerId, category: posting.details.category, postingStatus: posting.status, employerStatus: employer.status };
    });
  }

  async act(fairId: string, principal: Principal, command: (state: FairState) => FairCommand | Promise<FairCommand>) {
    const { state, version } = await this.runner.run(
      fairAggregate,
      fairId,
      async (current: FairState) => {
        if (current.status !== 'none') authorize(principal, { street: current.streetCode, field: 'fairId' });
        return command(current);
      },
      { meta: { actor: principal.subject } },
    );
    return { fairId, status: state.status, counts: { employers: state.employers.length, postings: Object.keys(state.postings).length, attendance: state.attendance, intentions: state.intentions }, version };
  }
}
