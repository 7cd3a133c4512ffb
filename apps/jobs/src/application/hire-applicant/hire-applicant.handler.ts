import { Injectable } from '@nestjs/common';
import { CommandRunner } from '@ws/platform';
import { applicationAggregate, postingAggregate } from '../../aggregates';
import { jobsError } from '../../errors';
import type { HireDto } from './hire-applicant.dto';

/** 签约: the application's Hire and the posting's RecordHire in one transaction, so a full posting refuses the hire and nothing is written. */
@Injectable()
export class HireApplicantHandler {
  constructor(private readonly runner: CommandRunner) {}

  hire(applicationId: string, body: HireDto, employerId: string) {
    return this.runner.transaction(async (trx) => {
      const application = (await this.runner.load(applicationAggregate, applicationId, trx)).state;
      if (application.status === 'none' || application.employerId !== employerId) throw jobsError('application_not_found', '没有这份申请');
      const actor = { meta: { actor: `employer:${employerId}` }, trx };
      // The application decides first (status, terms); the posting then takes the place or refuses (filled), all or nothing.
      const hired = await this.runner.run(applicationAggregate, applicationId, { type: 'Hire', agreedPayFen: body.agreedPayFen, startDate: body.startDate }, actor);
      const posting = await this.runner.run(postingAggregate, application.postingId, { type: 'RecordHire', applicationId }, actor);
      return { applicationId, status: hired.state.status, version: hired.version, posting: { postingId: application.postingId, status: posting.state.status, hired: posting.state.hiredApplications.length } };
    });
  }
}
