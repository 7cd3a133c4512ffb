import { Inject, Injectable } from '@nestjs/common';
import { Transaction, sql } from 'kysely';
import { isAncestorOrSelf, MEMBERSHIP_CONTEXT, MembershipEvent, nodeCodeOfSubject, subtreeContextFilter } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, type PlatformConfig, ReadModel } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { MembershipDatabase, MembersTable } from '../../db/database';
import { beijingMonth, erasedPersons, foldBatch } from '../batch-fold';
import { applyCountDeltas, countDeltas } from './member-counts';

type MemberRow = Omit<MembersTable, 'erased' | 'joined_month' | 'activated_at' | 'updated_at'> & {
  erased: boolean;
  joined_month: string;
  activated_at: string;
  updated_at: string;
};

/**
 * Members of the node's subtree: one row per membership, with union, occupation, street, join
 * month and status. At a parent node the rows come from every district below; a cross-node
 * transfer moves the row to the target node in the single TransferCompleted event, so a parent
 * counts the member exactly once at every moment. Names are never here: a member list joins the
 * vault at query time, and PersonErased marks the rows 已注销. `member_counts` follows every change
 * in the same transaction, for statistics that must not scan a province's millions of rows.
 */
@ReadModel()
@Injectable()
export class MembersProjection implements Projection<MembershipDatabase> {
  readonly name = 'membership.members';
  readonly tables = ['members', 'member_counts'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, MEMBERSHIP_CONTEXT);
  }

  async apply(trx: Transaction<MembershipDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    const loaded = new Map<string, MemberRow>();
    await foldBatch<MemberRow>(events, {
      keyOf: ({ envelope }) => (MEMBER_EVENTS.has(envelope.type) ? (envelope.data as { membershipId: string }).membershipId : undefined),
      load: async (ids) => {
        const rows = await loadMembers(trx, ids);
        for (const [id, row] of rows) loaded.set(id, row);
        return new Map(rows);
      },
      fold: (row, event) => this.fold(row, event),
      save: async (rows) => {
        await saveMembers(trx, rows);
        await applyCountDeltas(trx, countDeltas(loaded, rows));
      },
    });
    const erased = erasedPersons(events);
    if (erased.length > 0) {
      await trx.updateTable('members').set({ erased: true }).where('person_id', 'in', erased).execute();
    }
  }

  private fold(row: MemberRow | undefined, { subject, envelope }: ConsumedEvent): MemberRow | undefined {
    const event = { type: envelope.type, data: envelope.data } as MembershipEvent;
    const at = envelope.occurredAt;
    switch (event.type) {
      case 'MembershipActivated': {
        const { membershipId, personId, unionId, cardNumber, occupation, streetCode } = event.data;
        const node = nodeCodeOfSubject(subject);
        // An arrival by cross-node transfer keeps the join date a parent already recorded.
        if (row) return { ...row, union_id: unionId, node_code: node, status: 'active', updated_at: at };
        return {
          membership_id: membershipId,
          person_id: personId,
          union_id: unionId,
          node_code: node,
          card_number: cardNumber,
          occupation,
          street_code: streetCode,
          status: 'active',
          joined_month: beijingMonth(at),
          activated_at: at,
          updated_at: at,
          erased: false,
        };
      }
      case 'TransferCompleted': {
        if (!row) return undefined;
        const { toUnionId, toNode } = event.data;
        if (!isAncestorOrSelf(this.config.node.code, toNode)) return { ...row, status: 'transferred_out', updated_at: at };
        return { ...row, union_id: toUnionId, node_code: toNode, updated_at: at };
      }
      case 'MembershipSuspended':
        return row && { ...row, status: 'suspended', updated_at: at };
      case 'MembershipReinstated':
        return row && { ...row, status: 'active', updated_at: at };
      case 'MembershipLeft':
        return row && { ...row, status: 'left', updated_at: at };
      case 'TransferRequested':
      case 'TransferDeclined':
      case 'VolunteerLinked':
        return undefined;
    }
  }
}

const MEMBER_EVENTS = new Set(['MembershipActivated', 'TransferCompleted', 'MembershipSuspended', 'MembershipReinstated', 'MembershipLeft']);

async function loadMembers(trx: Transaction<MembershipDatabase>, ids: string[]): Promise<Map<string, MemberRow>> {
  const rows = await trx
    .selectFrom('members')
    .select([
      'membership_id', 'person_id', 'union_id', 'node_code', 'card_number', 'occupation', 'street_code', 'status',
      'activated_at', 'updated_at', 'erased', sql<string>`to_char(joined_month, 'YYYY-MM-DD')`.as('joined_month'),
    ])
    .where('membership_id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.membership_id,
      { ...r, activated_at: new Date(r.activated_at).toISOString(), updated_at: new Date(r.updated_at).toISOString() } as MemberRow,
    ]),
  );
}

async function saveMembers(trx: Transaction<MembershipDatabase>, rows: MemberRow[]): Promise<void> {
  const col = <K extends keyof MemberRow>(key: K) => rows.map((r) => r[key]);
  await sql`
    insert into members (membership_id, person_id, union_id, node_code, card_number, occupation, street_code, status,
                         joined_month, activated_at, updated_at, erased)
    select * from unnest(
      ${col('membership_id')}::uuid[], ${col('person_id')}::uuid[], ${col('union_id')}::uuid[], ${col('node_code')}::text[],
      ${col('card_number')}::text[], ${col('occupation')}::text[], ${col('street_code')}::text[], ${col('status')}::text[],
      ${col('joined_month')}::date[], ${col('activated_at')}::timestamptz[], ${col('updated_at')}::timestamptz[], ${col('erased')}::boolean[])
    on conflict (membership_id) do update set
      union_id = excluded.union_id, node_code = excluded.node_code, status = excluded.status,
      updated_at = excluded.updated_at, erased = members.erased or excluded.erased`.execute(trx);
}
