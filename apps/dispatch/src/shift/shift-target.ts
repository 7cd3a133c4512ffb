import { DISPATCH_AGGREGATES, DISPATCH_CONTEXT } from '@ws/contracts';
import { DomainError } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { volunteerTarget } from '../volunteer/volunteer-target';
import { activeCheck, volunteerDecider } from '../volunteer/volunteer.decider';

export const shiftTarget = (shiftId: string) => ({ context: DISPATCH_CONTEXT, aggregate: DISPATCH_AGGREGATES.shift, aggregateId: shiftId });

/** Shifts go to registered volunteers who still serve (read from their own stream, not a read model). */
export async function assertActiveVolunteer(runner: CommandRunner, volunteerId: string, field: string): Promise<void> {
  const { state } = await runner.load(volunteerDecider, volunteerTarget(volunteerId));
  const refusal = activeCheck(state);
  if (refusal) throw new DomainError(refusal.code, refusal.message, field);
}
