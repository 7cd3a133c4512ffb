import { Injectable } from '@nestjs/common';
import { STATIONS_CONTEXT } from '@ws/contracts';
import { DomainError } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import type { StationCommand } from './station.commands';
import { stationDecider } from './station.decider';
import type { StationState } from './station.state';

export interface CommandOutcome {
  stationId: string;
  /** The stream's version after the command: send it back as If-Match with the next one. */
  version: number;
  events: string[];
}

/** Runs a command against one station stream (see CommandRunner), with the caller's scope checked. */
@Injectable()
export class StationCommandHandler {
  constructor(private readonly commands: CommandRunner) {}

  async execute(command: StationCommand, principal: Principal | undefined, expectedVersion?: number): Promise<CommandOutcome> {
    const result = await this.commands.run(
      stationDecider,
      { context: STATIONS_CONTEXT, aggregate: 'station', aggregateId: command.stationId },
      (state: StationState) => {
        assertMayAct(principal, command, state);
        return command;
      },
      { ...(expectedVersion !== undefined ? { expectedVersion } : {}), meta: { actor: principal?.subject ?? 'system' } },
    );
    return { stationId: command.stationId, version: result.version, events: result.events.map((e) => e.type) };
  }
}

/**
 * Officers of the node (or above) act on any station; a street officer only on stations of
 * their street; a station manager only on their own station.
 */
function assertMayAct(principal: Principal | undefined, command: StationCommand, state: StationState): void {
  if (!principal) return;
  const street = command.type === 'RegisterStation' ? command.streetCode : state.details?.streetCode;
  if (principal.role === 'street_officer' && street && principal.street !== street) {
    throw new DomainError('out_of_scope', '只能管理本街道的驿站');
  }
  if (principal.role === 'station_manager' && principal.station !== command.stationId) {
    throw new DomainError('out_of_scope', '只能管理自己负责的驿站');
  }
}
