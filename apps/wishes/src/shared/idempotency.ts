import { createHash } from 'node:crypto';
import { Kysely, Transaction } from 'kysely';
import type { WishesDatabase } from '../db/database';
import { wishesError } from '../errors';

/** A client key (Idempotency-Key header): letters, digits, - and _, up to 64. */
const CLIENT_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export function checkedClientKey(key: string | undefined): string | null {
  if (key === undefined || key === '') return null;
  if (!CLIENT_KEY.test(key)) throw wishesError('validation_failed', 'Idempotency-Key 须为 8–64 位字母、数字、- 或 _', 'Idempotency-Key');
  return key;
}

/** The fingerprint of a request body: sha256 of its JSON with keys sorted, so key order does not matter. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What an earlier command with the same scope and key created, if any. The key with another
 * body is refused: answering it with the first result would hand one person's wish — and the
 * author key that controls it — to whoever reuses (or guesses) the key.
 */
export async function earlierResult(db: Kysely<WishesDatabase>, scope: string, key: string, hash?: string): Promise<string | null> {
  const row = await db.selectFrom('idempotency_keys').select(['result_id', 'request_hash']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  if (hash !== undefined && row.request_hash !== null && row.request_hash !== hash) {
    throw wishesError('idempotency_key_reused', '该 Idempotency-Key 已用于另一份内容，请换一个新的键', 'Idempotency-Key');
  }
  return row.result_id;
}

/** Recorded with the command's events; a concurrent replay then fails on the primary key. */
export async function recordResult(trx: Transaction<WishesDatabase>, scope: string, key: string, resultId: string, hash?: string): Promise<void> {
  await trx.insertInto('idempotency_keys').values({ scope, key, result_id: resultId, request_hash: hash ?? null }).execute();
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === '23505' && (constraint === undefined || pgError.constraint === constraint);
}
