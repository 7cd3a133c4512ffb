import { Kysely, type Selectable } from 'kysely';
import type { WishCategory } from '@ws/contracts';
import { isUuid } from '@ws/kernel';
import { decodeCursor, DEFAULT_PAGE_SIZE, page, type PageQueryDto } from '@ws/platform';
import type { WishBoardTable, WishesDatabase } from '../../db/database';
import { DECISION_MAX_WISHES } from '../../demand/demand.decider';
import { CATEGORY_LABELS } from '../../wish/labels';

/** A group's first wishes as the list shows them; the rest of the group by demandWishes' pages. */
const WISHES_SHOWN_PER_GROUP = 50;
const DEMAND_COLUMNS = ['wish_id', 'wish_no', 'category', 'text', 'urgency', 'seconds', 'station_id', 'community_code', 'status_since', 'deadline', 'message'] as const;
type DemandRow = Pick<Selectable<WishBoardTable>, (typeof DEMAND_COLUMNS)[number]>;

const ageSeconds = (since: Date, now: Date) => Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000));

function demandWish(w: DemandRow, now: Date) {
  return {
    wishId: w.wish_id,
    wishNo: w.wish_no,
    text: w.text,
    urgency: w.urgency,
    seconds: w.seconds,
    stationId: w.station_id,
    communityCode: w.community_code,
    ageSeconds: ageSeconds(w.status_since, now),
    deadline: w.deadline?.toISOString() ?? null,
    reopenedReason: w.message,
  };
}

/**
 * 需求清单: the street's accepted wishes no decision covers yet, grouped by category, with counts,
 * 附议, urgent ones and ages, the oldest first within a group and the most pressing group first.
 */
export async function demandList(db: Kysely<WishesDatabase>, streetCode: string, now: Date) {
  const rows = await db
    .selectFrom('wish_board')
    .select(DEMAND_COLUMNS)
    .where('street_code', '=', streetCode)
    .where('status', '=', 'accepted')
    .where('decided', '=', false)
    .orderBy('status_since')
    .orderBy('wish_id')
    .execute();
  const groups = new Map<string, typeof rows>();
  for (const row of rows) groups.set(row.category, [...(groups.get(row.category) ?? []), row]);
  return {
    streetCode,
    groups: [...groups.entries()]
      .map(([category, wishes]) => ({
        category,
        categoryLabel: CATEGORY_LABELS[category as WishCategory] ?? category,
        count: wishes.length,
        seconds: wishes.reduce((sum, w) => sum + w.seconds, 0),
        urgent: wishes.filter((w) => w.urgency === 'urgent').length,
        oldestAgeSeconds: ageSeconds(wishes[0]!.status_since, now),
        earliestDeadline: wishes.map((w) => w.deadline?.toISOString() ?? null).filter((d): d is string => d !== null).sort()[0] ?? null,
        wishes: wishes.slice(0, WISHES_SHOWN_PER_GROUP).map((w) => demandWish(w, now)),
      }))
      .sort((a, b) => b.count + b.seconds - (a.count + a.seconds) || b.oldestAgeSeconds - a.oldestAgeSeconds),
  };
}

/** A keyset page of one group of the 需求清单 (the street's undecided wishes of a category), the oldest first. */
export async function demandWishes(db: Kysely<WishesDatabase>, streetCode: string, category: WishCategory, query: PageQueryDto, now: Date) {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = decodeCursor(query.after, isUuid);
  const rows = await db
    .selectFrom('wish_board')
    .select(DEMAND_COLUMNS)
    .where('street_code', '=', streetCode)
    .where('category', '=', category)
    .where('status', '=', 'accepted')
    .where('decided', '=', false)
    .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('status_since', '>', new Date(after!.at)), eb.and([eb('status_since', '=', new Date(after!.at)), eb('wish_id', '>', after!.id)])])))
    .orderBy('status_since')
    .orderBy('wish_id')
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (row) => ({ at: row.status_since.toISOString(), id: row.wish_id }));
  return { items: result.items.map((w) => demandWish(w, now)), next: result.next };
}

/** The group a decision covers when the officer names no wishes: oldest first, at most one decision's worth. */
export async function undecidedWishIds(db: Kysely<WishesDatabase>, streetCode: string, category: WishCategory): Promise<string[]> {
  const rows = await db
    .selectFrom('wish_board')
    .select('wish_id')
    .where('street_code', '=', streetCode)
    .where('category', '=', category)
    .where('status', '=', 'accepted')
    .where('decided', '=', false)
    .orderBy('status_since')
    .limit(DECISION_MAX_WISHES)
    .execute();
  return rows.map((r) => r.wish_id);
}

/** Submitted wishes waiting for moderation, the oldest first, for a station or a street: a keyset page. */
export async function moderationQueue(db: Kysely<WishesDatabase>, filter: { stationId?: string; streetCode?: string }, query: PageQueryDto, now: Date) {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = decodeCursor(query.after, isUuid);
  const rows = await db
    .selectFrom('wish_board')
    .selectAll()
    .where('status', '=', 'submitted')
    .$if(Boolean(filter.stationId), (qb) => qb.where('station_id', '=', filter.stationId!))
    .$if(Boolean(filter.streetCode), (qb) => qb.where('street_code', '=', filter.streetCode!))
    .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('posted_at', '>', new Date(after!.at)), eb.and([eb('posted_at', '=', new Date(after!.at)), eb('wish_id', '>', after!.id)])])))
    .orderBy('posted_at')
    .orderBy('wish_id')
    .limit(limit + 1)
    .execute();
  const { items, next } = page(rows, limit, (row) => ({ at: row.posted_at.toISOString(), id: row.wish_id }));
  const waiting = items.map((r) => ({
    wishId: r.wish_id,
    wishNo: r.wish_no,
    kind: r.kind,
    stationId: r.station_id,
    category: r.category,
    text: r.text,
    urgency: r.urgency,
    photoRefs: r.photo_refs,
    author: r.author_mask,
    ageSeconds: Math.max(0, Math.round((now.getTime() - r.posted_at.getTime()) / 1000)),
    deadline: r.deadline?.toISOString() ?? null,
    version: r.version,
  }));
  return { items: waiting, next };
}
