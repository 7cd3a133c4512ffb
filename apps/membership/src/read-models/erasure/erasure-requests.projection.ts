import { Inject, Injectable } from '@nestjs/common';
import { sql, Transaction } from 'kysely';
import { MEMBERSHIP_AGGREGATES, MEMBERSHIP_CONTEXT, nodeCodeOfSubject, type PersonEvent, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, type PlatformConfig, ReadModel } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { MembershipDatabase } from '../../db/database';

/**
 * Erasure requests of the subtree (注销申请): requested, refused with the reason, or done; who
 * recorded and who handled each (the events' actors), and when. An erasure done without a
 * recorded request (straight from the members list) is listed as a request made and done at
 * once, under the erasure event's id. Redelivered events change nothing.
 */
@ReadModel()
@Injectable()
export class ErasureRequestsProjection implements Projection<MembershipDatabase> {
  readonly name = 'membership.erasure-requests';
  readonly tables = ['erasure_requests'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, MEMBERSHIP_CONTEXT, MEMBERSHIP_AGGREGATES.person);
  }

  async apply(trx: Transaction<MembershipDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as PersonEvent;
      const at = envelope.occurredAt;
      const actor = envelope.metadata.actor ?? 'system';
      switch (event.type) {
        case 'PersonErasureRequested':
          await trx
            .insertInto('erasure_requests')
            .values({ request_id: event.data.requestId, person_id: event.data.personId, node_code: nodeCodeOfSubject(subject), status: 'requested', requested_at: at, requested_by: actor })
            .onConflict((oc) => oc.column('request_id').doNothing())
            .execute();
          break;
        case 'PersonErasureRefused':
          await trx
            .updateTable('erasure_requests')
            .set({ status: 'refused', handled_at: at, handled_by: actor, reason: event.data.reason })
            .where('request_id', '=', event.data.requestId)
            .where('status', '=', 'requested')
            .execute();
          break;
        case 'PersonErased': {
          const settled = await trx
            .updateTable('erasure_requests')
            .set({ status: 'erased', handled_at: at, handled_by: actor })
            .where('person_id', '=', event.data.personId)
            .where('status', '=', 'requested')
            .executeTakeFirst();
          if (Number(settled.numUpdatedRows) > 0) break;
          await sql`
            insert into erasure_requests (request_id, person_id, node_code, status, requested_at, requested_by, handled_at, handled_by)
            select ${envelope.eventId}::uuid, ${event.data.personId}::uuid, ${nodeCodeOfSubject(subject)}, 'erased', ${at}::timestamptz, ${actor}, ${at}::timestamptz, ${actor}
            where not exists (select 1 from erasure_requests where person_id = ${event.data.personId}::uuid and status = 'erased')
            on conflict (request_id) do nothing`.execute(trx);
          break;
        }
        default:
          break;
      }
    }
  }
}
