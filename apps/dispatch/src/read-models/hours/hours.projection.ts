import { Inject, Injectable } from '@nestjs/common';
import type { Insertable, Transaction } from 'kysely';
import { DISPATCH_CONTEXT, DispatchContextEvent, parseEventSubject, shanghaiDayAndHour, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { DispatchDatabase, ServiceHoursTable } from '../../db/database';

/** Hours served, one row per fact (a shift's recorded hours, a completed task): sums by volunteer, station, month. */
@ReadModel()
@Injectable()
export class HoursProjection implements Projection<DispatchDatabase> {
  readonly name = 'dispatch.hours';
  readonly tables = ['service_hours'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, DISPATCH_CONTEXT);
  }

  async apply(trx: Transaction<DispatchDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    const rows: Insertable<ServiceHoursTable>[] = [];
    for (const { subject, envelope } of events) {
      const event = envelope as unknown as DispatchContextEvent;
      const servedAt = new Date(envelope.occurredAt);
      const base = { event_id: envelope.eventId, district_code: parseEventSubject(subject).district, served_at: servedAt, month: shanghaiDayAndHour(servedAt).day.slice(0, 7) };
      if (event.type === 'ShiftServed') {
        const d = event.data;
        rows.push({ ...base, volunteer_id: d.volunteerId, street_code: d.streetCode, station_id: d.stationId, kind: 'shift', source_id: d.shiftId, hours: d.hours });
      } else if (event.type === 'TaskCompleted') {
        const d = event.data;
        rows.push({ ...base, volunteer_id: d.volunteerId, street_code: d.streetCode, station_id: d.stationId, kind: 'task', source_id: d.taskId, hours: d.hours });
      }
    }
    if (rows.length > 0) await trx.insertInto('service_hours').values(rows).onConflict((oc) => oc.column('event_id').doNothing()).execute();
  }
}
