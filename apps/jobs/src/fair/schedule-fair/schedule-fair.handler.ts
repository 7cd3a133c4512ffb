import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { authorize, newId } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { fairAggregate } from '../../aggregates';
import type { JobsDatabase } from '../../db/database';
import { jobsError } from '../../errors';
import { assertStreetInNode } from '../../shared/scope';
import type { ScheduleFairDto } from './schedule-fair.dto';

/** An officer schedules a fair on their street, onsite at an open station (from `station_points`) or online. */
@Injectable()
export class ScheduleFairHandler {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async schedule(body: ScheduleFairDto, principal: Principal) {
    assertStreetInNode(body.streetCode, this.platform.node.code);
    authorize(principal, { street: body.streetCode, field: 'streetCode' });
    const stationId = body.stationId?.trim() || null;
    if (stationId) {
      const station = await this.db.selectFrom('station_points').select('closed').where('station_id', '=', stationId).executeTakeFirst();
      if (!station || station.closed) throw jobsError('station_not_found', '没有这个驿站（或已关闭）', 'stationId');
    }
    const fairId = newId();
    const { state, version } = await this.runner.run(
      fairAggregate,
      fairId,
      { type: 'ScheduleFair', fairId, officerId: principal.subject, title: body.title, format: body.format, stationId, streetCode: body.streetCode, startsAt: body.startsAt, endsAt: body.endsAt },
      { meta: { actor: principal.subject } },
    );
    return { fairId, status: state.status, version };
  }
}
