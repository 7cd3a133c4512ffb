import { Kysely } from 'kysely';
import { WISH_STATUS_LABELS } from '@ws/contracts';
import type { WishStatus } from '@ws/contracts';
import type { WishesDatabase } from '../../db/database';
import { normaliseWishNo } from '../../wish/wish-identity';
import { publicWish } from './wall.query';
import { wishesError } from '../../errors';

/**
 * The page an author opens with their wish number: every status with its time and the message
 * they were told (a decline reason, an answer, a reopen), and where a merged wish went.
 */
export async function statusPage(db: Kysely<WishesDatabase>, wishNo: string, now: Date) {
  const row = await db.selectFrom('wish_board').selectAll().where('wish_no', '=', normaliseWishNo(wishNo)).executeTakeFirst();
  if (!row) throw wishesError('wish_not_found', `没有编号为 ${wishNo} 的心愿（刚提交的请稍后再查）`, 'wishNo');
  const [timeline, mergedInto] = await Promise.all([
    db.selectFrom('wish_timeline').select(['status', 'message', 'at']).where('wish_id', '=', row.wish_id).orderBy('seq').execute(),
    row.merged_into
      ? db.selectFrom('wish_board').select('wish_no').where('wish_id', '=', row.merged_into).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  return {
    ...publicWish(row, now),
    message: row.message,
    proof: row.proof,
    mergedIntoWishNo: mergedInto?.wish_no ?? null,
    confirmBy: row.confirm_by?.toISOString() ?? null,
    timeline: timeline.map((t) => ({
      status: t.status,
      statusLabel: WISH_STATUS_LABELS[t.status as WishStatus],
      message: t.message,
      at: t.at.toISOString(),
    })),
  };
}
