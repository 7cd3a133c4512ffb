import { CommandRunner } from '@ws/platform';
import { volunteerAggregate } from '../aggregates';
import { activeCheck } from '../volunteer/volunteer.decider';

/** Shifts go to registered volunteers who still serve (read from their own stream, not a read model). */
export async function assertActiveVolunteer(runner: CommandRunner, volunteerId: string, field: string): Promise<void> {
  const { state } = await runner.load(volunteerAggregate, volunteerId);
  const refusal = activeCheck(state, field);
  if (refusal) throw refusal;
}
