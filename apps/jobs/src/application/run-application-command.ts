import type { JobApplicationSide } from '@ws/contracts';
import type { CommandRunner } from '@ws/platform';
import { applicationAggregate } from '../aggregates';
import { jobsError } from '../errors';
import type { ApplicationCommand, ApplicationState } from './application.decider';

/** Runs one side's command on its own application (someone else's is answered as none) and answers its status and version. */
export async function runApplicationCommand(runner: CommandRunner, side: JobApplicationSide, accountId: string, applicationId: string, command: (state: ApplicationState) => ApplicationCommand) {
  const { state, version } = await runner.run(
    applicationAggregate,
    applicationId,
    (current: ApplicationState) => {
      // Someone else's application is answered as no application at all.
      const owner = side === 'seeker' ? current.seekerId : current.employerId;
      if (current.status === 'none' || owner !== accountId) throw jobsError('application_not_found', '没有这份申请');
      return command(current);
    },
    { meta: { actor: `${side}:${accountId}` } },
  );
  return { applicationId, status: state.status, version };
}
