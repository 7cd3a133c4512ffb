import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { JOBS_AGGREGATES, JOBS_CONTEXT, parseEventSubject, subtreeContextFilter } from '@ws/contracts';
import type { JobApplicationEvent } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { ApplicationBoardTable, JobsDatabase } from '../db/database';

type ApplicationChange = Partial<Pick<ApplicationBoardTable, 'status' | 'message' | 'declined_by' | 'agreed_pay_fen' | 'start_date' | 'seeker_rating' | 'employer_rating'>>;

/** Applications with their state: who applied to a posting, what a seeker applied to (ids only). */
@ReadModel()
@Injectable()
export class ApplicationBoardProjection implements Projection<JobsDatabase> {
  readonly name = 'jobs.applications';
  readonly tables = ['application_board'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, JOBS_CONTEXT, JOBS_AGGREGATES.application);
  }

  async apply(trx: Transaction<JobsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      const event = envelope as unknown as JobApplicationEvent;
      const at = new Date(envelope.occurredAt);
      const set = (values: ApplicationChange) => trx.updateTable('application_board').set({ ...values, updated_at: at }).where('application_id', '=', event.data.applicationId).execute();
      switch (event.type) {
        case 'JobApplicationSubmitted': {
          const d = event.data;
          await trx
            .insertInto('application_board')
            .values({
              application_id: d.applicationId,
              posting_id: d.postingId,
              seeker_id: d.seekerId,
              employer_id: d.employerId,
              district_code: parseEventSubject(subject).district,
              street_code: d.streetCode,
              category: d.category,
              status: 'applied',
              note: d.note,
              message: null,
              declined_by: null,
              agreed_pay_fen: null,
              start_date: null,
              seeker_rating: null,
              employer_rating: null,
              applied_at: at,
              updated_at: at,
            })
            .onConflict((oc) => oc.column('application_id').doNothing())
            .execute();
          break;
        }
        case 'JobApplicantInvited':
          await set({ status: 'invited', message: event.data.message });
          break;
        case 'JobInvitationAccepted':
          await set({ status: 'accepted' });
          break;
        case 'JobApplicantHired':
          await set({ status: 'hired', agreed_pay_fen: event.data.agreedPayFen, start_date: event.data.startDate });
          break;
        case 'JobApplicationDeclined':
          await set({ status: 'declined', declined_by: event.data.by });
          break;
        case 'JobWorkRated':
          await set(event.data.by === 'seeker' ? { seeker_rating: event.data.rating } : { employer_rating: event.data.rating });
          break;
        default:
          assertNever(event, 'application event');
      }
    }
  }
}
