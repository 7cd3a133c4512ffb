import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import type { StationsDatabase } from '../db/database';
import type { StationCommand } from './station.command';
import type { StationState } from './station.state';
import { stationAggregate } from '../aggregates';

export interface StationOutcome {
  stationId: string;
  /** The stream's version after the command: send it back as If-Match with the next one. */
  version: number;
  events: string[];
}

/**
 * Every station use case runs its command through here: the runner (see CommandRunner) with the
 * caller's scope checked against the station as its stream stands, so no use case can forget it.
 */
@Injectable()
export class StationCommands {
  constructor(private readonly runner: CommandRunner) {}

  async run(command: StationCommand, principal: Principal, expectedVersion?: number, alongside?: (trx: Transaction<StationsDatabase>) => Promise<void>): Promise<StationOutcome> {
    const result = await this.runner.run(
      stationAggregate,
      command.stationId,
      (state: StationState) => {
        assertMayAct(principal, command, state);
        return command;
      },
      { ...(expectedVersion !== undefined ? { expectedVersion } : {}), ...(alongside ? { alongside } : {}), meta: { actor: principal.subject } },
    );
    return { stationId: command.stationId, version: result.version, events: result.events.map((e) => e.type) };
  }
}

/**
 * The station's place for the one permission check: officers of the node (or above) act on any
 * station, a street officer on the stations of their street, a station manager on their own.
 */
function assertMayAct(principal: Principal, command: StationCommand, state: StationState): void {
  const street = command.type === 'RegisterStation' ? command.streetCode : state.details?.streetCode;
  authorize(principal, { station: command.stationId, ...(street ? { street } : {}) });
}
