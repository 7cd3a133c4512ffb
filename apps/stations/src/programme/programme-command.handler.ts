import { Injectable, Inject } from '@nestjs/common';
import type { Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { assertMayActAt } from '../station/venue';
import { venueStation } from '../station/venue-station';
import type { ProgrammeCommand } from './programme.decider';
import type { RecordDelivery } from './record-delivery/record-delivery.command';
import { programmeAggregate } from '../aggregates';

export type DeliveryRequest = Omit<RecordDelivery, 'nodeCode' | 'station'>;

/** Runs a command on one programme's stream; a delivery reads its station first (never at a closed one). */
@Injectable()
export class ProgrammeCommandHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async deliver(request: DeliveryRequest, principal: Principal) {
    const station = request.stationId === null ? null : await venueStation(this.commands, request.stationId);
    const venue = { stationId: request.stationId, streetCode: station?.streetCode ?? request.streetCode };
    return this.execute({ ...request, nodeCode: this.config.node.code, station }, principal, venue);
  }

  /** A programme that does not exist is missing for everyone (programmes are public); then the venue must be the caller's. */
  async execute(command: ProgrammeCommand, principal: Principal, venue?: { stationId: string | null; streetCode: string | null }) {
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
