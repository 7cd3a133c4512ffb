import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { venueStation } from '../../station/venue-station';
import { ProgrammeCommands } from '../programme-commands';
import type { RecordDelivery } from './record-delivery.command';

export type DeliveryRequest = Omit<RecordDelivery, 'nodeCode' | 'station'>;

/** Records a delivery: its station read from its stream first (never at a closed one), then the venue checked against the caller. */
@Injectable()
export class RecordDeliveryHandler {
  constructor(
    private readonly commands: CommandRunner,
    private readonly programmes: ProgrammeCommands,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async deliver(request: DeliveryRequest, principal: Principal) {
    const station = request.stationId === null ? null : await venueStation(this.commands, request.stationId);
    const venue = { stationId: request.stationId, streetCode: station?.streetCode ?? request.streetCode };
    return this.programmes.run({ ...request, nodeCode: this.config.node.code, station }, principal, venue);
  }
}
