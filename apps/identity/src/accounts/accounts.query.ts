import { Kysely, Selectable, sql } from 'kysely';
import { decodeCursor, DEFAULT_PAGE_SIZE, exactTimeText, page } from '@ws/platform';
import type { AccountsTable, IdentityDatabase } from '../db/database';
import type { AccountStatus, AccountView } from './account.dto';
import type { AccountListQueryDto } from './list-accounts/list-accounts.dto';

const LIKE_SPECIALS = /[\\%_]/g;

export function accountView(row: Selectable<AccountsTable>, now: Date): AccountView {
  const locked = row.locked_until !== null && row.locked_until > now;
  const status: AccountStatus = row.disabled ? 'disabled' : locked ? 'locked' : 'active';
  return {
    accountId: row.account_id,
    userName: row.user_name,
    displayName: row.display_name,
    role: row.role as AccountView['role'],
    node: row.node,
    street: row.street,
    station: row.station,
    status,
    mustChangePassword: row.must_change_password,
    totpEnrolled: row.totp_enrolled,
    lockedUntil: locked ? row.locked_until!.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

export function findAccount(db: Kysely<IdentityDatabase>, accountId: string): Promise<Selectable<AccountsTable> | undefined> {
  return db.selectFrom('accounts').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

/** The accounts of the nodes `nodePrefix` covers, oldest first, in keyset pages. */
export async function listAccounts(db: Kysely<IdentityDatabase>, nodePrefix: string, query: AccountListQueryDto, now: Date) {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = decodeCursor(query.after);
  const words = query.q?.trim().replace(LIKE_SPECIALS, (c) => `\\${c}`);
  const rows = await db
    .selectFrom('accounts')
    .selectAll()
    // The cursor carries created_at to the microsecond: accounts made in one millisecond are neither skipped nor repeated.
    .select(exactTimeText('created_at').as('cursor_at'))
    .where('node', 'like', `${nodePrefix}%`)
    .$if(query.role !== undefined, (qb) => qb.where('role', '=', query.role!))
    .$if(query.status === 'disabled', (qb) => qb.where('disabled', '=', true))
    .$if(query.status === 'locked', (qb) => qb.where('disabled', '=', false).where('locked_until', '>', now))
    .$if(query.status === 'active', (qb) => qb.where('disabled', '=', false).where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)])))
    .$if(Boolean(words), (qb) => qb.where((eb) => eb.or([eb('user_name', 'ilike', `%${words}%`), eb('display_name', 'ilike', `%${words}%`)])))
    .$if(after !== null, (qb) => qb.where(sql<boolean>`(created_at, account_id) > (${after!.at}::timestamptz, ${after!.id})`))
    .orderBy('created_at')
    .orderBy('account_id')
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (row) => ({ at: row.cursor_at, id: row.account_id }));
  return { items: result.items.map(({ cursor_at: _cursor, ...row }) => accountView(row, now)), next: result.next };
}
