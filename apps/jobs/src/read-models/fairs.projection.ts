import { Inject, Injectable } from '@nestjs/common';
import { sql, Transaction } from 'kysely';
import { JOBS_AGGREGATES, JOBS_CONTEXT, parseEventSubject, subtreeContextFilter } from '@ws/contracts';
import type { FairEvent } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { JobsDatabase } from '../db/database';

/** Fairs with their counts per fair, and the postings shown at each with the intentions they reached. */
@ReadModel()
@Injectable()
export class FairBoardProjection implements Projection<JobsDatabase> {
  readonly name = 'jobs.fairs';
  readonly tables = ['fair_board', 'fair_postings'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, JOBS_CONTEXT, JOBS_AGGREGATES.fair);
  }

  async apply(trx: Transaction<JobsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      const event = envelope as unknown as FairEvent;
      const at = new Date(envelope.occurredAt);
      const fair = () => trx.updateTable('fair_board').where('fair_id', '=', event.data.fairId);
      switch (event.type) {
        case 'FairScheduled': {
          const { fairId, title, format, stationId, streetCode, startsAt, endsAt } = event.data;
          await trx
            .insertInto('fair_board')
            .values({ fair_id: fairId, district_code: parseEventSubject(subject).district, street_code: streetCode, title, format, station_id: stationId, starts_at: startsAt, ends_at: endsAt, status: 'scheduled', status_reason: null, employers: 0, postings: 0, attendance: 0, intentions: 0, updated_at: at })
            .onConflict((oc) => oc.column('fair_id').doNothing())
            .execute();
          break;
        }
        case 'FairEmployerAttached':
          await fair().set({ employers: sql`employers + 1`, updated_at: at }).execute();
          break;
        case 'FairPostingAttached': {
          const added = await trx
            .insertInto('fair_postings')
            .values({ fair_id: event.data.fairId, posting_id: event.data.postingId, employer_id: event.data.employerId, category: event.data.category, intentions: 0 })
            .onConflict((oc) => oc.columns(['fair_id', 'posting_id']).doNothing())
            .executeTakeFirst();
          if (Number(added.numInsertedOrUpdatedRows ?? 0) > 0) await fair().set({ postings: sql`postings + 1`, updated_at: at }).execute();
          break;
        }
        case 'FairAttendanceCounted':
          await fair().set({ attendance: event.data.total, updated_at: at }).execute();
          break;
        case 'FairIntentionsRecorded':
          await trx.updateTable('fair_postings').set({ intentions: event.data.total }).where('fair_id', '=', event.data.fairId).where('posting_id', '=', event.data.postingId).execute();
          await fair()
            .set({ intentions: sql`(select coalesce(sum(intentions), 0)::int from fair_postings where fair_id = ${event.data.fairId})`, updated_at: at })
            .execute();
          break;
        case 'FairHeld':
          await fair().set({ status: 'held', updated_at: at }).execute();
          break;
        case 'FairCancelled':
          await fair().set({ status: 'cancelled', status_reason: event.data.reason, updated_at: at }).execute();
          break;
        default:
          assertNever(event, 'fair event');
      }
    }
  }
}
