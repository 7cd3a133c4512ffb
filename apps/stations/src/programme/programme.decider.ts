import type { ProgrammeEvent } from '@ws/contracts';
import { assertNever, type Decider } from '@ws/kernel';
import { type CloseProgramme, decideCloseProgramme } from './close-programme/close-programme.command';
import { decideLaunchProgramme, type LaunchProgramme } from './launch-programme/launch-programme.command';
import { decideRecordDelivery, type RecordDelivery } from './record-delivery/record-delivery.command';
import { evolveProgramme, initialProgrammeState, type ProgrammeState } from './programme.state';

export type ProgrammeCommand = LaunchProgramme | RecordDelivery | CloseProgramme;

/** One programme with a quota (民生实事): its terms, the deliveries against them, the share rule kept reachable. */
export const programmeDecider: Decider<ProgrammeCommand, ProgrammeEvent, ProgrammeState> = {
  initialState: initialProgrammeState,
  evolve: evolveProgramme,
  decide(command, state, context) {
    switch (command.type) {
      case 'LaunchProgramme':
        return decideLaunchProgramme(command, state, context);
      case 'RecordDelivery':
        return decideRecordDelivery(command, state, context);
      case 'CloseProgramme':
        return decideCloseProgramme(command, state, context);
      default:
        return assertNever(command, 'programme command');
    }
  },
};
