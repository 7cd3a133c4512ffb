import { Inject, Injectable } from '@nestjs/common';
import { STATIONS_CONTEXT, WELFARE_AGGREGATE, welfareHolderId } from '@ws/contracts';
import type { Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { assertMayActAt, venueStation } from '../station/venue';
import { type WelfareCommand, welfareDecider } from './welfare.decider';
import type { WelfareState } from './welfare.state';

export interface WelfareOutcome {
  holderId: string;
  version: number;
  events: string[];
  stock: WelfareState['stock'];
}

/**
 * Runs a welfare command on the holder's stream (the station's, or the street's). The station is
 * read first, so nothing is recorded at a closed one, and its street is the holder's street.
 */
@Injectable()
export class WelfareCommandHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async execute(request: Omit<WelfareCommand, 'nodeCode' | 'station'>, principal: Principal): Promise<WelfareOutcome> {
    const station = request.stationId === null ? null : await venueStation(this.commands, request.stationId);
    const command = { ...request, nodeCode: this.config.node.code, station } as WelfareCommand;
    const streetCode = station?.streetCode ?? command.streetCode;
    const holderId = welfareHolderId({ stationId: command.stationId, streetCode: streetCode ?? '' });
    assertMayActAt(principal, { stationId: command.stationId, streetCode }, '关爱物资');
    const result = await this.commands.run(
      welfareDecider,
      { context: STATIONS_CONTEXT, aggregate: WELFARE_AGGREGATE, aggregateId: holderId },
      () => command,
      { meta: { actor: principal.subject } },
    );
    return { holderId, version: result.version, events: result.events.map((e) => e.type), stock: result.state.stock };
  }
}
