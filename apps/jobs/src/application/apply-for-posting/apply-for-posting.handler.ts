import { Injectable } from '@nestjs/common';
import { derivedId } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { applicationAggregate, postingAggregate, seekerAggregate } from '../../aggregates';
import { jobsError } from '../../errors';
import type { ApplyDto } from './apply-for-posting.dto';

/** A registered seeker applies to a posting others can see; the application's id derives from both (one per seeker and posting). */
@Injectable()
export class ApplyForPostingHandler {
  constructor(private readonly runner: CommandRunner) {}

  async apply(postingId: string, body: ApplyDto, seekerId: string) {
    const seeker = (await this.runner.load(seekerAggregate, seekerId)).state;
    if (!seeker.registered) throw jobsError('seeker_not_found', '没有这个求职者');
    const posting = (await this.runner.load(postingAggregate, postingId)).state;
    if (posting.status === 'none' || !posting.details || posting.status === 'draft' || posting.status === 'in_review') {
      throw jobsError('posting_not_found', '没有这条招工信息');
    }
    const applicationId = derivedId(postingId, `application:${seekerId}`);
    const snapshot = { postingId, employerId: posting.employerId, status: posting.status, category: posting.details.category, streetCode: posting.details.streetCode };
    const { state, version } = await this.runner.run(
      applicationAggregate,
      applicationId,
      { type: 'Apply', applicationId, seekerId, posting: snapshot, note: body.note ?? null },
      { meta: { actor: `seeker:${seekerId}` } },
    );
    return { applicationId, status: state.status, version };
  }
}
