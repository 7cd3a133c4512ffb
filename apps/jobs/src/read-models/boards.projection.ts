import { Inject, Injectable } from '@nestjs/common';
import { Transaction } from 'kysely';
import { JOBS_AGGREGATES, JOBS_CONTEXT, parseEventSubject, subtreeContextFilter } from '@ws/contracts';
import type { EmployerEvent, PostingDetails, PostingEvent } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { JobsDatabase } from '../db/database';
import { cellOf, fineCellOf } from '../search/grid';

/** The employer register the union reviews from (ids, kinds, streets, statuses; no names). */
@ReadModel()
@Injectable()
export class EmployerBoardProjection implements Projection<JobsDatabase> {
  readonly name = 'jobs.employers';
  readonly tables = ['employer_board'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, JOBS_CONTEXT, JOBS_AGGREGATES.employer);
  }

  async apply(trx: Transaction<JobsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      const event = envelope as unknown as EmployerEvent;
      const at = new Date(envelope.occurredAt);
      const status = (value: string) => trx.updateTable('employer_board').set({ status: value, updated_at: at }).where('employer_id', '=', event.data.employerId).execute();
      switch (event.type) {
        case 'EmployerRegistered':
          await trx
            .insertInto('employer_board')
            .values({ employer_id: event.data.employerId, district_code: parseEventSubject(subject).district, street_code: event.data.streetCode, kind: event.data.kind, status: 'registered', registered_at: at, updated_at: at })
            .onConflict((oc) => oc.column('employer_id').doNothing())
            .execute();
          break;
        case 'EmployerReviewRequested':
          await status('in_review');
          break;
        case 'EmployerApproved':
        case 'EmployerReinstated':
          await status('approved');
          break;
        case 'EmployerReturned':
          await status('registered');
          break;
        case 'EmployerSuspended':
          await status('suspended');
          break;
        case 'EmployerContactErased':
          // The board holds no contact: the review page reads the vault, where it is gone.
          break;
        default:
          assertNever(event, 'employer event');
      }
    }
  }
}

/**
 * Every posting with its state (the review queue, an employer's list, the public page) and, in
 * the same transaction, the search index of the open ones (`open_postings`, with their grid cell).
 */
@ReadModel()
@Injectable()
export class PostingBoardProjection implements Projection<JobsDatabase> {
  readonly name = 'jobs.postings';
  readonly tables = ['open_postings', 'posting_board', 'posting_reports'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, JOBS_CONTEXT, JOBS_AGGREGATES.posting);
  }

  async apply(trx: Transaction<JobsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      const event = envelope as unknown as PostingEvent;
      const at = new Date(envelope.occurredAt);
      const id = event.data.postingId;
      const set = (values: { status?: string; status_reason?: string | null; hired?: number; reports?: number }) =>
        trx.updateTable('posting_board').set({ ...values, updated_at: at }).where('posting_id', '=', id).execute();
      const unlist = () => trx.deleteFrom('open_postings').where('posting_id', '=', id).execute();
      switch (event.type) {
        case 'PostingDrafted':
          await trx
            .insertInto('posting_board')
            .values({
              posting_id: id,
              employer_id: event.data.employerId,
              employer_kind: event.data.employerKind,
              district_code: parseEventSubject(subject).district,
              ...detailColumns(event.data),
              hired: 0,
              status: 'draft',
              status_reason: null,
              reports: 0,
              drafted_at: at,
              updated_at: at,
            })
            .onConflict((oc) => oc.column('posting_id').doNothing())
            .execute();
          break;
        case 'PostingRevised':
          await trx.updateTable('posting_board').set({ ...detailColumns(event.data), updated_at: at }).where('posting_id', '=', id).execute();
          break;
        case 'PostingSubmitted':
          await set({ status: 'in_review', status_reason: null });
          break;
        case 'PostingOpened':
          await set({ status: 'open', status_reason: null });
          await listOpen(trx, id, at);
          break;
        case 'PostingReturned':
          await set({ status: 'draft', status_reason: event.data.reason });
          break;
        case 'PostingHireRecorded':
          await set({ hired: event.data.hired });
          await trx.updateTable('open_postings').set({ hired: event.data.hired }).where('posting_id', '=', id).execute();
          break;
        case 'PostingFilled':
          await set({ status: 'filled' });
          await unlist();
          break;
        case 'PostingExpired':
          await set({ status: 'expired' });
          await unlist();
          break;
        case 'PostingWithdrawn':
          await set({ status: 'withdrawn' });
          await unlist();
          break;
        case 'PostingTakenDown':
          await set({ status: 'taken_down', status_reason: event.data.reason });
          await unlist();
          break;
        case 'PostingReported':
          await set({ reports: event.data.reports });
          await trx
            .insertInto('posting_reports')
            .values({ posting_id: id, seq: event.data.reports, kind: event.data.kind, note: event.data.note, reported_at: at })
            .onConflict((oc) => oc.columns(['posting_id', 'seq']).doNothing())
            .execute();
          break;
        case 'PostingMatched':
          // Told to one seeker (notify sends it; the matcher keeps the jobs inbox row): the board is unchanged.
          break;
        default:
          assertNever(event, 'posting event');
      }
    }
  }
}

/** Copies an opened posting into the search index (its board row was written earlier in this batch's transaction). */
async function listOpen(trx: Transaction<JobsDatabase>, postingId: string, at: Date): Promise<void> {
  const p = await trx.selectFrom('posting_board').selectAll().where('posting_id', '=', postingId).executeTakeFirst();
  if (!p) return;
  await trx
    .insertInto('open_postings')
    .values({
      posting_id: p.posting_id,
      employer_id: p.employer_id,
      employer_kind: p.employer_kind,
      street_code: p.street_code,
      category: p.category,
      pay_mode: p.pay_mode,
      pay_min_fen: p.pay_min_fen,
      pay_max_fen: p.pay_max_fen,
      pay_unit: p.pay_unit,
      headcount: p.headcount,
      hired: p.hired,
      title: p.title,
      lng: p.lng,
      lat: p.lat,
      cell: cellOf({ lng: p.lng, lat: p.lat }),
      fine_cell: fineCellOf({ lng: p.lng, lat: p.lat }),
      valid_until: p.valid_until,
      opened_at: at,
    })
    .onConflict((oc) => oc.column('posting_id').doNothing())
    .execute();
}

function detailColumns(d: PostingDetails) {
  return {
    street_code: d.streetCode,
    category: d.category,
    pay_mode: d.payMode,
    pay_min_fen: d.pay.minFen,
    pay_max_fen: d.pay.maxFen,
    pay_unit: d.pay.unit,
    headcount: d.headcount,
    title: d.title,
    description: d.description,
    requirements: d.requirements,
    skills: d.skills,
    schedule: JSON.stringify(d.schedule),
    lng: d.location.lng,
    lat: d.location.lat,
    valid_until: d.validUntil,
  };
}
