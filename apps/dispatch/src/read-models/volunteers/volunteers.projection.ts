import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { DISPATCH_AGGREGATES, DISPATCH_CONTEXT, parseEventSubject, subtreeContextFilter, VolunteerEvent } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { DispatchDatabase } from '../../db/database';

/** The volunteer board: who serves where with which skills and hours of availability (no personal data). */
@ReadModel()
@Injectable()
export class VolunteersProjection implements Projection<DispatchDatabase> {
  readonly name = 'dispatch.volunteers';
  readonly tables = ['volunteer_board'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, DISPATCH_CONTEXT, DISPATCH_AGGREGATES.volunteer);
  }

  async apply(trx: Transaction<DispatchDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      const event = envelope as unknown as VolunteerEvent;
      const at = new Date(envelope.occurredAt);
      switch (event.type) {
        case 'VolunteerRegistered':
          await trx
            .insertInto('volunteer_board')
            .values({
              volunteer_id: event.data.volunteerId,
              district_code: parseEventSubject(subject).district,
              home_street: event.data.homeStreet,
              type: event.data.type,
              skills: JSON.stringify(event.data.skills),
              skill_names: event.data.skills.map((s) => s.skill),
              availability: JSON.stringify(event.data.availability),
              status: 'active',
              registered_at: at,
              updated_at: at,
            })
            .onConflict((oc) => oc.column('volunteer_id').doNothing())
            .execute();
          break;
        case 'VolunteerAvailabilityChanged':
          await trx
            .updateTable('volunteer_board')
            .set({ availability: JSON.stringify(event.data.availability), updated_at: at })
            .where('volunteer_id', '=', event.data.volunteerId)
            .execute();
          break;
        case 'VolunteerRetired':
          await trx.updateTable('volunteer_board').set({ status: 'retired', updated_at: at }).where('volunteer_id', '=', event.data.volunteerId).execute();
          break;
        default:
          assertNever(event, 'volunteer event');
      }
    }
  }
}
