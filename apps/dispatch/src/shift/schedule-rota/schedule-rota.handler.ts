import { Inject, Injectable } from '@nestjs/common';
import { authorize, newId } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { assertStreetInNode } from '../../shared/street-code';
import { assertActiveVolunteer } from '../active-volunteer';
import type { ShiftCommand } from '../shift.decider';
import { shiftAggregate } from '../../aggregates';
import type { ScheduleRotaDto } from './schedule-rota.dto';

/** 排班: a station's rota, one stream per shift, for volunteers who still serve; the station in the officer's scope. */
@Injectable()
export class ScheduleRotaHandler {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async schedule(body: ScheduleRotaDto, principal: Principal) {
    assertStreetInNode(body.streetCode, this.platform.node.code);
    authorize(principal, { street: body.streetCode, station: body.stationId, field: 'stationId' });
    // Check every volunteer before writing anything: a rota with one unknown name is sent back whole.
    for (const [index, shift] of body.shifts.entries()) {
      await assertActiveVolunteer(this.runner, shift.volunteerId, `shifts.${index}.volunteerId`);
    }
    const shiftIds: string[] = [];
    for (const shift of body.shifts) {
      const shiftId = newId();
      await this.runner.run(
        shiftAggregate,
        shiftId,
        (): ShiftCommand => ({
          type: 'ScheduleShift',
          shift: {
            shiftId,
            stationId: body.stationId,
            streetCode: body.streetCode,
            volunteerId: shift.volunteerId,
            startsAt: new Date(shift.startsAt).toISOString(),
            endsAt: new Date(shift.endsAt).toISOString(),
          },
        }),
        { meta: { actor: principal.subject } },
      );
      shiftIds.push(shiftId);
    }
    return { stationId: body.stationId, shiftIds };
  }
}
