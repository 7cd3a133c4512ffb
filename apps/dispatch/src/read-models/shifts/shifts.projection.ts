import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { DISPATCH_AGGREGATES, DISPATCH_CONTEXT, parseEventSubject, ShiftEvent, subtreeContextFilter } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { DispatchDatabase } from '../../db/database';

/** The rota: every shift with its current holder and, once served, its hours. */
@ReadModel()
@Injectable()
export class ShiftsProjection implements Projection<DispatchDatabase> {
  readonly name = 'dispatch.shifts';
  readonly tables = ['shift_rota'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, DISPATCH_CONTEXT, DISPATCH_AGGREGATES.shift);
  }

  async apply(trx: Transaction<DispatchDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      const event = envelope as unknown as ShiftEvent;
      switch (event.type) {
        case 'ShiftScheduled': {
          const d = event.data;
          await trx
            .insertInto('shift_rota')
            .values({
              shift_id: d.shiftId,
              district_code: parseEventSubject(subject).district,
              station_id: d.stationId,
              street_code: d.streetCode,
              volunteer_id: d.volunteerId,
              starts_at: d.startsAt,
              ends_at: d.endsAt,
              status: 'scheduled',
              hours: null,
              swapped_from: null,
            })
            .onConflict((oc) => oc.column('shift_id').doNothing())
            .execute();
          break;
        }
        case 'ShiftSwapped':
          await trx
            .updateTable('shift_rota')
            .set({ volunteer_id: event.data.toVolunteerId, swapped_from: event.data.fromVolunteerId })
            .where('shift_id', '=', event.data.shiftId)
            .execute();
          break;
        case 'ShiftSwapRequested':
        case 'ShiftSwapAnswered':
          break; // the rota shows who holds a shift; a swap counts once it is made (ShiftSwapped)
        case 'ShiftServed':
          await trx.updateTable('shift_rota').set({ status: 'served', hours: event.data.hours }).where('shift_id', '=', event.data.shiftId).execute();
          break;
        default:
          assertNever(event, 'shift event');
      }
    }
  }
}
