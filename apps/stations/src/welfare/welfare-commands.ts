import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { welfareHolderId } from '@ws/contracts';
import type { Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { StationsDatabase } from '../db/database';
import { assertMayActAt } from '../station/venue';
import { venueStation } from '../station/venue-station';
import type { WelfareCommand } from './welfare.decider';
import type { WelfareState } from './welfare.state';
import { welfareAggregate } from '../aggregates';

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
export class WelfareCommands {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** `alongside`: what is written in the append's transaction (a handout's member cards into the vault). */
  async run(request: Omit<WelfareCommand, 'nodeCode' | 'station'>, principal: Principal, alongside?: (trx: Transaction<StationsDatabase>) => Promise<void>): Promise<WelfareOutcome> {
    const station = request.stationId === null ? null : await venueStation(this.commands, request.stationId);
    const command = { ...request, nodeCode: this.config.node.code, station } as WelfareCommand;
    const streetCode = station?.streetCode ?? command.streetCode;
    const holderId = welfareHolderId({ stationId: command.stationId, streetCode: streetCode ?? '' });
    assertMayActAt(principal, { stationId: command.stationId, streetCode }, '关爱物资');
    const result = await this.commands.run(
      welfareAggregate,
      holderId,
      () => command,
      { meta: { actor: principal.subject }, ...(alongside ? { alongside } : {}) },
    );
    return { holderId, version: result.version, events: result.events.map((e) => e.type), stock: result.state.stock };
  }
}
