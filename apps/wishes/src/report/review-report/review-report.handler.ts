import { Injectable } from '@nestjs/common';
import { authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import type { ReportCommand, ReportState } from '../report.decider';
import { reportAggregate } from '../../aggregates';
import { wishesError } from '../../errors';

/** A street officer (or the district) judges a 随手拍 of their street: the scope read from the report's stream. */
@Injectable()
export class ReviewReportHandler {
  constructor(private readonly runner: CommandRunner) {}

  async review(reportId: string, principal: Principal, command: ReportCommand, expectedVersion: number | undefined) {
    const result = await this.runner.run(
      reportAggregate,
      reportId,
      (state: ReportState) => {
        if (state.status === 'none') throw wishesError('report_not_found', '没有这条随手拍');
        authorize(principal, { street: state.streetCode });
        return command;
      },
      { expectedVersion, meta: { actor: principal.subject } },
    );
    return { reportId, status: result.state.status, version: result.version };
  }
}
