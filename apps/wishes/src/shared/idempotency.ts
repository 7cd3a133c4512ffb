import { Kysely, Transaction } from 'kysely';
import { DomainError } from '@ws/kernel';
import type { WishesDatabase } from '../db/database';

/** A client key (Idempotency-Key header): letters, digits, - and _, up to 64. */
const CLIENT_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export function checkedClientKey(key: string | undefined): string | null {
  if (key === undefined || key === '') return null;
  if (!CLIENT_KEY.test(key)) throw new DomainError('validation_failed', 'Idempotency-Key 须为 8–64 位字母、数字、- 或 _', 'Idempotency-Key');
  return key;
}

/** What an earlier command with the same scope and key created, if any. */
export async function earlierResult(db: Kysely<WishesDatabase>, scope: string, key: string): Promise<string | null> {
  const row = await db.selectFrom('idempotency_keys').select('result_id').where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  return row?.result_id ?? null;
}

/** Recorded with the command's events; a concurrent replay then fails on the primary key. */
export async function recordResult(trx: Transaction<WishesDatabase>, scope: string, key: string, resultId: string): Promise<void> {
  await trx.insertInto('idempotency_keys').values({ scope, key, result_id: resultId }).execute();
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === '23505' && (constraint === undefined || pgError.constraint === constraint);
}
