import { Inject, Injectable } from '@nestjs/common';
import { Insertable, Selectable, Transaction, Updateable } from 'kysely';
import { subtreeContextFilter, WISHES_CONTEXT } from '@ws/contracts';
import type { EventEnvelope, WishStreamEvent } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { WishBoardTable, WishesDatabase, WishTimelineTable } from '../../db/database';
import { authorMask } from '../../wish/labels';

type Row = Insertable<WishBoardTable>;
type Change = Updateable<WishBoardTable>;

/** Every column but the key: what an upsert of a folded row overwrites. */
const UPDATED_COLUMNS = [
  'wish_no', 'kind', 'station_id', 'community_code', 'street_code', 'district_code', 'category', 'text', 'urgency', 'photo_refs',
  'author_kind', 'author_mask', 'status', 'status_since', 'owner_kind', 'owner_ref', 'deadline', 'confirm_by', 'seconds', 'decided',
  'decision_id', 'mode', 'officer_id', 'task_id', 'volunteer_id', 'merged_into', 'message', 'answer', 'proof', 'rating', 'escalated_at',
  'escalation_reason', 'escalated_overdue_for', 'posted_at', 'updated_at', 'version',
] as const satisfies readonly (keyof WishBoardTable)[];

/**
 * One row per wish with its status, the age of that status, its owner and deadline, plus the
 * author's timeline. The wall, the status page, the moderation queue, the demand list and the
 * overdue list are all queries over it.
 *
 * A batch is folded in memory (a wish's dozen events become one row) and written with three
 * statements whatever its size: read the rows it touches, upsert them, add the timeline.
 */
@ReadModel()
@Injectable()
export class WishBoardProjection implements Projection<WishesDatabase> {
  readonly name = 'wishes.board';
  readonly tables = ['wish_timeline', 'wish_board'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, WISHES_CONTEXT, 'wish');
  }

  async apply(trx: Transaction<WishesDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    const wishIds = [...new Set(events.map(({ envelope }) => (envelope.data as { wishId: string }).wishId))];
    if (wishIds.length === 0) return;
    const existing = await trx.selectFrom('wish_board').selectAll().where('wish_id', 'in', wishIds).execute();
    const rows = new Map<string, Row>(existing.map((row) => [row.wish_id, rowOf(row)]));
    const touched = new Set<string>();
    const timeline: Insertable<WishTimelineTable>[] = [];
    for (const { envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as WishStreamEvent;
      const wishId = event.data.wishId;
      if (event.type === 'WishPosted' || event.type === 'SuggestionPosted') {
        if (!rows.has(wishId)) rows.set(wishId, postedRow(event, envelope));
        touched.add(wishId);
        continue;
      }
      if (event.type === 'StatusNotified') {
        timeline.push({ wish_id: wishId, seq: envelope.streamVersion ?? 0, status: event.data.status, message: event.data.message, at: envelope.occurredAt });
      }
      const row = rows.get(wishId);
      if (!row) continue; // the posting is older than this read model's stream (e.g. aged out)
      rows.set(wishId, { ...row, ...changeOf(event, envelope.occurredAt, row), updated_at: envelope.occurredAt, version: envelope.streamVersion ?? row.version });
      touched.add(wishId);
    }
    const changed = [...touched].map((id) => rows.get(id)!);
    if (changed.length > 0) {
      await trx
        .insertInto('wish_board')
        .values(changed)
        .onConflict((oc) => oc.column('wish_id').doUpdateSet((eb) => Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))))
        .execute();
    }
    if (timeline.length > 0) {
      await trx.insertInto('wish_timeline').values(timeline).onConflict((oc) => oc.columns(['wish_id', 'seq']).doNothing()).execute();
    }
  }
}

function rowOf(row: Selectable<WishBoardTable>): Row {
  return { ...row, proof: row.proof === null ? null : JSON.stringify(row.proof) };
}

function postedRow(event: Extract<WishStreamEvent, { type: 'WishPosted' | 'SuggestionPosted' }>, envelope: EventEnvelope): Row {
  const d = event.data;
  return {
    wish_id: d.wishId,
    wish_no: d.wishNo,
    kind: event.type === 'WishPosted' ? 'wish' : 'suggestion',
    station_id: d.stationId,
    community_code: d.communityCode,
    street_code: d.streetCode,
    district_code: d.streetCode.slice(0, 6),
    category: d.category,
    text: d.text,
    urgency: d.urgency,
    photo_refs: d.photoRefs,
    author_kind: d.authorKind,
    author_mask: authorMask(d.authorKind, d.memberCard),
    status: 'submitted',
    status_since: envelope.occurredAt,
    owner_kind: 'station',
    owner_ref: d.stationId,
    deadline: d.moderateBy,
    confirm_by: null,
    seconds: 0,
    decided: false,
    decision_id: null,
    mode: null,
    officer_id: null,
    task_id: null,
    volunteer_id: null,
    merged_into: null,
    message: null,
    answer: null,
    proof: null,
    rating: null,
    escalated_at: null,
    escalation_reason: null,
    escalated_overdue_for: null,
    posted_at: envelope.occurredAt,
    updated_at: envelope.occurredAt,
    version: envelope.streamVersion ?? 1,
  };
}

/** The row change an event makes; "owner" is who must act next (事事有着落). */
function changeOf(event: Exclude<WishStreamEvent, { type: 'WishPosted' | 'SuggestionPosted' }>, at: string, row: Row): Change {
  switch (event.type) {
    case 'WishAccepted':
      return { status: 'accepted', status_since: at, owner_kind: 'street', owner_ref: event.data.streetCode, deadline: event.data.deadline };
    case 'WishMerged':
      return { merged_into: event.data.intoWishId };
    case 'WishDeclined':
      return { status: 'declined', status_since: at, owner_kind: null, owner_ref: null, deadline: null, message: event.data.reason };
    case 'WishSeconded':
      return { seconds: event.data.seconds };
    case 'WishDecided':
      return { decided: true, decision_id: event.data.decisionId, mode: event.data.mode, officer_id: event.data.officerId, owner_kind: 'street_officer', owner_ref: event.data.officerId };
    case 'WishDispatched':
      return { status: 'dispatched', status_since: at, task_id: event.data.taskId, owner_kind: 'task', owner_ref: event.data.taskId };
    case 'WishReturned':
      return { status: 'accepted', status_since: at, decided: false, mode: null, task_id: null, volunteer_id: null, owner_kind: 'street', owner_ref: row.street_code, message: event.data.reason };
    case 'WishInProgress':
      return { status: 'in_progress', status_since: at, volunteer_id: event.data.volunteerId, owner_kind: 'volunteer', owner_ref: event.data.volunteerId };
    case 'WishCompleted':
      return {
        status: 'completed',
        status_since: at,
        owner_kind: 'author',
        owner_ref: null,
        answer: event.data.answer,
        proof: event.data.proof ? JSON.stringify(event.data.proof) : null,
        confirm_by: event.data.confirmBy,
      };
    case 'WishConfirmed':
      return { rating: event.data.rating };
    case 'WishReopened': {
      const redispatched = event.data.taskId !== null;
      return {
        status: redispatched ? 'dispatched' : 'accepted',
        status_since: at,
        decided: redispatched,
        owner_kind: 'street_officer',
        owner_ref: event.data.officerId,
        deadline: event.data.deadline,
        confirm_by: null,
        message: event.data.reason,
      };
    }
    case 'WishClosed':
      return { status: 'closed', status_since: at, owner_kind: null, owner_ref: null, deadline: null, confirm_by: null };
    case 'WishEscalated':
      return {
        escalated_at: at,
        escalation_reason: event.data.reason,
        ...(event.data.reason === 'overdue' ? { escalated_overdue_for: event.data.deadline } : {}),
      };
    case 'StatusNotified':
      return { message: event.data.message };
    default:
      return assertNever(event, 'wish event');
  }
}
