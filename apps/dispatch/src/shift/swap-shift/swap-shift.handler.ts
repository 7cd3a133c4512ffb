import { Injectable } from '@nestjs/common';
import { authorize, newId } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { assertActiveVolunteer } from '../active-volunteer';
import { shiftErrors } from '../shift.decider';
import type { ShiftCommand } from '../shift.decider';
import { shiftAggregate } from '../../aggregates';

/**
 * A shift changing hands: the volunteer who takes it must still serve (read from their stream);
 * a station's reassignment is checked against the shift's station and street.
 */
@Injectable()
export class SwapShiftHandler {
  constructor(private readonly runner: CommandRunner) {}

  async swap(shiftId: string, toVolunteerId: string, volunteerId: string) {
    await assertActiveVolunteer(this.runner, toVolunteerId, 'toVolunteerId');
    await this.runner.run(shiftAggregate, shiftId, (): ShiftCommand => ({ type: 'SwapShift', byVolunteerId: volunteerId, toVolunteerId }), {
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { shiftId, volunteerId: toVolunteerId };
  }

  async requestSwap(shiftId: string, toVolunteerId: string, volunteerId: string) {
    await assertActiveVolunteer(this.runner, toVolunteerId, 'toVolunteerId');
    const requestId = newId();
    await this.runner.run(shiftAggregate, shiftId, (): ShiftCommand => ({ type: 'RequestSwap', byVolunteerId: volunteerId, toVolunteerId, requestId }), {
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { shiftId, requestId, toVolunteerId };
  }

  async answerSwap(shiftId: string, requestId: string, accept: boolean, volunteerId: string) {
    const { state } = await this.runner.run(shiftAggregate, shiftId, (): ShiftCommand => ({ type: 'AnswerSwap', byVolunteerId: volunteerId, requestId, accept }), {
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { shiftId, requestId, accepted: accept, volunteerId: state.volunteerId };
  }

  async reassign(shiftId: string, toVolunteerId: string, principal: Principal) {
    const { state } = await this.runner.load(shiftAggregate, shiftId);
    if (state.status === 'none') throw shiftErrors.notFound();
    authorize(principal, { street: state.streetCode, station: state.stationId, field: 'stationId' });
    await assertActiveVolunteer(this.runner, toVolunteerId, 'toVolunteerId');
    await this.runner.run(shiftAggregate, shiftId, (): ShiftCommand => ({ type: 'SwapShift', byVolunteerId: null, toVolunteerId }), {
      meta: { actor: principal.subject },
    });
    return { shiftId, volunteerId: toVolunteerId };
  }
}
