import { Injectable } from '@nestjs/common';
import type { Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { programmeAggregate } from '../aggregates';
import { assertMayActAt } from '../station/venue';
import type { ProgrammeCommand } from './programme.decider';

/**
 * Runs a command on one programme's stream: a programme that does not exist is missing for everyone
 * (programmes are public); given a venue (a delivery's), it must be the caller's. Answers the
 * programme's progress.
 */
@Injectable()
export class ProgrammeCommands {
  constructor(private readonly commands: CommandRunner) {}

  async run(command: ProgrammeCommand, principal: Principal, venue?: { stationId: string | null; streetCode: string | null }) {
    const result = await this.commands.run(
      programmeAggregate,
      command.programmeId,
      (state) => {
        if (state.terms && venue) assertMayActAt(principal, venue, '民生实事项目');
        return command;
      },
      { meta: { actor: principal.subject } },
    );
    const { people, newFormPeople, placesUsed, status } = result.state;
    return { programmeId: command.programmeId, version: result.version, events: result.events.map((e) => e.type), progress: { status, people, newFormPeople, placesUsed } };
  }
}
