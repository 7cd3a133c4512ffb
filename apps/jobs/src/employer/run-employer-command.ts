import type { CommandRunner } from '@ws/platform';
import { employerAggregate } from '../aggregates';
import type { EmployerCommand } from './employer.decider';

/** Runs a command on an employer and answers its status and version (the answer of every employer command). */
export async function runEmployerCommand(runner: CommandRunner, employerId: string, command: EmployerCommand, actor: string) {
  const { state, version } = await runner.run(employerAggregate, employerId, command, { meta: { actor } });
  return { employerId, status: state.status, version };
}
