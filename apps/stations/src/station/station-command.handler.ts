import { Inject, Injectable } from '@nestjs/common';
import { Kysely, type Transaction } from 'kysely';
import { authorize, newId } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner, DB } from '@ws/platform';
import type { StationsDatabase } from '../db/database';
import type { PublishNoticeDto } from './publish-notice/publish-notice.dto';
import { toPublishNotice } from './publish-notice/publish-notice.dto';
import type { StationCommand } from './station.commands';
import type { StationState } from './station.state';
import { stationAggregate } from '../aggregates';

export interface CommandOutcome {
  stationId: string;
  /** The stream's version after the command: send it back as If-Match with the next one. */
  version: number;
  events: string[];
}

/** Runs a command against one station stream (see CommandRunner), with the caller's scope checked. */
@Injectable()
export class StationCommandHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
  ) {}

  /**
   * The notice's manager name goes to the node's vault (`station_notice_names`) in the
   * transaction of the event, which carries only its ref; the same name keeps its ref, so
   * publishing the same notice again changes nothing.
   */
  async publishNotice(stationId: string, dto: PublishNoticeDto, principal: Principal, expectedVersion?: number): Promise<CommandOutcome> {
    const name = dto.managerName?.trim() || null;
    const known = name
      ? await this.db.selectFrom('station_notice_names').select('ref').where('station_id', '=', stationId).where('name', '=', name).executeTakeFirst()
      : undefined;
    const ref = name ? (known?.ref ?? newId()) : null;
    const alongside =
      name && !known ? (trx: Transaction<any>) => (trx as Transaction<StationsDatabase>).insertInto('station_notice_names').values({ ref: ref!, station_id: stationId, name }).execute().then(() => undefined) : undefined;
    return this.execute(toPublishNotice(stationId, ref, dto), principal, expectedVersion, alongside);
  }

  async execute(command: StationCommand, principal: Principal | undefined, expectedVersion?: number, alongside?: (trx: Transaction<any>) => Promise<void>): Promise<CommandOutcome> {
    const result = await this.commands.run(
      stationAggregate,
      command.stationId,
      (state: StationState) => {
        assertMayAct(principal, command, state);
        return command;
      },
      { ...(expectedVersion !== undefined ? { expectedVersion } : {}), ...(alongside ? { alongside } : {}), meta: { actor: principal?.subject ?? 'system' } },
    );
    return { stationId: command.stationId, version: result.version, events: result.events.map((e) => e.type) };
  }
}

/**
 * The station's place for the one permission check: officers of the node (or above) act on any
 * station, a street officer on the stations of their street, a station manager on their own.
 * Without a principal the command is the service's own.
 */
function assertMayAct(principal: Principal | undefined, command: StationCommand, state: StationState): void {
  if (!principal) return;
  const street = command.type === 'RegisterStation' ? command.streetCode : state.details?.streetCode;
  authorize(principal, { station: command.stationId, ...(street ? { street } : {}) });
}
