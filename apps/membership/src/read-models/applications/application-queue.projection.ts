import { Inject, Injectable } from '@nestjs/common';
import { Transaction, sql } from 'kysely';
import { ApplicationEvent, MEMBERSHIP_CONTEXT, nodeCodeOfSubject, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, type PlatformConfig, ReadModel } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { ApplicationQueueTable, MembershipDatabase } from '../../db/database';
import { erasedPersons, foldBatch } from '../batch-fold';

type QueueRow = Omit<ApplicationQueueTable, 'submitted_at' | 'updated_at' | 'erased'> & { submitted_at: string; updated_at: string };

/**
 * Every application of the subtree with its status, station and employer; the queue is the
 * pending ones, oldest first. PersonErased marks the person's applications 已注销 — at a parent
 * node too, which never held the data but must not show it as someone's any more.
 */
const APPLICATION_EVENTS = new Set<string>(['ApplicationSubmitted', 'ApplicationInfoRequested', 'ApplicationAmended', 'ApplicationApproved', 'ApplicationRejected']);

@ReadModel()
@Injectable()
export class ApplicationQueueProjection implements Projection<MembershipDatabase> {
  readonly name = 'membership.application-queue';
  readonly tables = ['application_queue'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    // The whole context: applications and the person stream's PersonErased (one filter per consumer).
    this.filter = subtreeContextFilter(config.node, MEMBERSHIP_CONTEXT);
  }

  async apply(trx: Transaction<MembershipDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    await foldBatch<QueueRow>(events, {
      keyOf: ({ envelope }) => (APPLICATION_EVENTS.has(envelope.type) ? (envelope.data as { applicationId: string }).applicationId : undefined),
      load: async (ids) => {
        const rows = await trx.selectFrom('application_queue').selectAll().where('application_id', 'in', ids).execute();
        return new Map(
          rows.map(({ erased: _erased, ...r }) => [r.application_id, { ...r, submitted_at: new Date(r.submitted_at).toISOString(), updated_at: new Date(r.updated_at).toISOString() }]),
        );
      },
      fold: (row, { subject, envelope }) => {
        const event = { type: envelope.type, data: envelope.data } as ApplicationEvent;
        const at = envelope.occurredAt;
        switch (event.type) {
          case 'ApplicationSubmitted': {
            const d = event.data;
            return {
              application_id: d.applicationId,
              application_number: d.applicationNumber,
              person_id: d.personId,
              union_id: d.unionId,
              node_code: nodeCodeOfSubject(subject),
              occupation: d.occupation,
              street_code: d.streetCode,
              channel: d.channel,
              station_id: d.stationId,
              employer: d.employer,
              status: 'submitted',
              submitted_at: at,
              updated_at: at,
            };
          }
          case 'ApplicationInfoRequested':
            return row && { ...row, status: 'info_requested', updated_at: at };
          case 'ApplicationAmended':
            return row && {
              ...row,
              status: 'submitted',
              union_id: event.data.unionId,
              occupation: event.data.occupation,
              employer: event.data.employer,
              street_code: event.data.streetCode,
              updated_at: at,
            };
          case 'ApplicationApproved':
            return row && { ...row, status: 'approved', updated_at: at };
          case 'ApplicationRejected':
            return row && { ...row, status: 'rejected', updated_at: at };
        }
      },
      save: async (rows) => {
        const col = <K extends keyof QueueRow>(key: K) => rows.map((r) => r[key]);
        await sql`
          insert into application_queue (application_id, application_number, person_id, union_id, node_code, occupation, street_code,
                                         channel, station_id, employer, status, submitted_at, updated_at)
          select * from unnest(
            ${col('application_id')}::uuid[], ${col('application_number')}::text[], ${col('person_id')}::uuid[], ${col('union_id')}::uuid[],
            ${col('node_code')}::text[], ${col('occupation')}::text[], ${col('street_code')}::text[], ${col('channel')}::text[],
            ${col('station_id')}::uuid[], ${col('employer')}::text[], ${col('status')}::text[], ${col('submitted_at')}::timestamptz[],
            ${col('updated_at')}::timestamptz[])
          on conflict (application_id) do update set
            union_id = excluded.union_id, occupation = excluded.occupation, street_code = excluded.street_code, employer = excluded.employer,
            status = excluded.status, updated_at = excluded.updated_at`.execute(trx);
      },
    });
    const erased = erasedPersons(events);
    if (erased.length > 0) await trx.updateTable('application_queue').set({ erased: true }).where('person_id', 'in', erased).execute();
  }
}
