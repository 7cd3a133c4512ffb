import { Inject, Injectable } from '@nestjs/common';
import { Transaction, sql } from 'kysely';
import { IncomingTransferEvent, MEMBERSHIP_CONTEXT, MembershipEvent, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, type PlatformConfig, ReadModel } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { MembershipDatabase, TransfersTable } from '../../db/database';
import { foldBatch } from '../batch-fold';

const TRANSFER_EVENTS = new Set([
  'TransferRequested', 'TransferCompleted', 'TransferDeclined',
  'IncomingTransferReceived', 'IncomingTransferAccepted', 'IncomingTransferDeclined', 'IncomingTransferCancelled', 'IncomingTransferCompleted',
]);

type TransferRow = Omit<TransfersTable, 'requested_at' | 'settled_at'> & { requested_at: string; settled_at: string | null };

const SETTLED = new Set(['completed', 'declined', 'cancelled']);

/**
 * Transfers of the subtree: in flight until completed, declined or cancelled. A cross-node
 * transfer is seen from both ends (the source's membership stream, the target's transfer
 * stream); a settled status is final whichever end reports last.
 */
@ReadModel()
@Injectable()
export class TransfersProjection implements Projection<MembershipDatabase> {
  readonly name = 'membership.transfers';
  readonly tables = ['transfers'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, MEMBERSHIP_CONTEXT);
  }

  async apply(trx: Transaction<MembershipDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    await foldBatch<TransferRow>(events, {
      keyOf: ({ envelope }) => (TRANSFER_EVENTS.has(envelope.type) ? (envelope.data as { transferId: string }).transferId : undefined),
      load: async (ids) => {
        const rows = await trx.selectFrom('transfers').selectAll().where('transfer_id', 'in', ids).execute();
        return new Map(
          rows.map((r) => [
            r.transfer_id,
            { ...r, requested_at: new Date(r.requested_at).toISOString(), settled_at: r.settled_at ? new Date(r.settled_at).toISOString() : null },
          ]),
        );
      },
      fold: (row, { envelope }) => {
        const event = { type: envelope.type, data: envelope.data } as MembershipEvent | IncomingTransferEvent;
        const at = envelope.occurredAt;
        const settle = (status: TransferRow['status']) => (row && !SETTLED.has(row.status) ? { ...row, status, settled_at: SETTLED.has(status) ? at : null } : undefined);
        switch (event.type) {
          case 'TransferRequested':
          case 'IncomingTransferReceived': {
            const d = event.data;
            const membershipId = 'member' in d ? d.member.membershipId : d.membershipId;
            return row ?? {
              transfer_id: d.transferId,
              membership_id: membershipId,
              from_union_id: d.fromUnionId,
              to_union_id: d.toUnionId,
              from_node: d.fromNode,
              to_node: d.toNode,
              status: 'requested',
              requested_at: at,
              settled_at: null,
            };
          }
          case 'IncomingTransferAccepted':
            return settle('accepted');
          case 'TransferCompleted':
          case 'IncomingTransferCompleted':
            return settle('completed');
          case 'TransferDeclined':
          case 'IncomingTransferDeclined':
            return settle('declined');
          case 'IncomingTransferCancelled':
            return settle('cancelled');
          default:
            return undefined;
        }
      },
      save: async (rows) => {
        const col = <K extends keyof TransferRow>(key: K) => rows.map((r) => r[key]);
        await sql`
          insert into transfers (transfer_id, membership_id, from_union_id, to_union_id, from_node, to_node, status, requested_at, settled_at)
          select * from unnest(
            ${col('transfer_id')}::uuid[], ${col('membership_id')}::uuid[], ${col('from_union_id')}::uuid[], ${col('to_union_id')}::uuid[],
            ${col('from_node')}::text[], ${col('to_node')}::text[], ${col('status')}::text[], ${col('requested_at')}::timestamptz[],
            ${col('settled_at')}::timestamptz[])
          on conflict (transfer_id) do update set status = excluded.status, settled_at = excluded.settled_at`.execute(trx);
      },
    });
  }
}
