import { Kysely, Selectable } from 'kysely';
import { WISH_STATUS_LABELS } from '@ws/contracts';
import type { WishCategory, WishStatus } from '@ws/contracts';
import type { WishBoardTable, WishesDatabase } from '../../db/database';
import { CATEGORY_LABELS } from '../../wish/labels';

/** On the wall: what moderation let through. Unmoderated, declined and merged wishes are not. */
export const WALL_STATUSES: readonly WishStatus[] = ['accepted', 'dispatched', 'in_progress', 'completed', 'closed'];

export interface WallFilter {
  stationId?: string;
  communityCode?: string;
  category?: WishCategory;
  status?: WishStatus;
  /** Posted before this instant (paging by posted_at). */
  before?: string;
  limit: number;
}

/** What anyone may see of a wish: no contact, no member card, an age instead of internals. */
export function publicWish(row: Selectable<WishBoardTable>, now: Date) {
  const status = row.status as WishStatus;
  return {
    wishNo: row.wish_no,
    kind: row.kind,
    stationId: row.station_id,
    communityCode: row.community_code,
    streetCode: row.street_code,
    category: row.category,
    categoryLabel: CATEGORY_LABELS[row.category as WishCategory] ?? row.category,
    text: row.text,
    urgency: row.urgency,
    photoRefs: row.photo_refs,
    author: row.author_mask,
    status,
    statusLabel: WISH_STATUS_LABELS[status],
    statusSince: row.status_since.toISOString(),
    ageSeconds: Math.max(0, Math.round((now.getTime() - row.status_since.getTime()) / 1000)),
    owner: row.owner_kind ? { kind: row.owner_kind, ref: row.owner_kind === 'street' || row.owner_kind === 'station' ? row.owner_ref : null } : null,
    deadline: row.deadline?.toISOString() ?? null,
    seconds: row.seconds,
    answer: row.answer,
    rating: row.rating,
    escalated: row.escalated_at !== null,
    postedAt: row.posted_at.toISOString(),
  };
}

export type PublicWish = ReturnType<typeof publicWish>;

export async function wall(db: Kysely<WishesDatabase>, filter: WallFilter, now: Date): Promise<PublicWish[]> {
  const statuses = filter.status ? WALL_STATUSES.filter((s) => s === filter.status) : WALL_STATUSES;
  if (statuses.length === 0) return [];
  let query = db.selectFrom('wish_board').selectAll().where('status', 'in', [...statuses]).where('merged_into', 'is', null);
  if (filter.stationId) query = query.where('station_id', '=', filter.stationId);
  if (filter.communityCode) query = query.where('community_code', '=', filter.communityCode);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.before) query = query.where('posted_at', '<', new Date(filter.before));
  const rows = await query.orderBy('posted_at', 'desc').limit(filter.limit).execute();
  return rows.map((row) => publicWish(row, now));
}
