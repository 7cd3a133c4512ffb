import { Kysely } from 'kysely';
import type { WishesDatabase } from '../db/database';
import { normaliseWishNo, WISH_NO_PATTERN } from './wish-identity';
import { wishesError } from '../errors';

/** The wish id behind a public number, from the write side (no read-model lag). */
export async function wishIdByNo(db: Kysely<WishesDatabase>, wishNo: string): Promise<string> {
  const normalised = normaliseWishNo(wishNo);
  if (!WISH_NO_PATTERN.test(normalised)) throw wishesError('validation_failed', '心愿编号格式应为 W 加 9 位字母数字', 'wishNo');
  const row = await db.selectFrom('wish_numbers').select('wish_id').where('wish_no', '=', normalised).executeTakeFirst();
  if (!row) throw wishesError('wish_not_found', `没有编号为 ${normalised} 的心愿`, 'wishNo');
  return row.wish_id;
}
