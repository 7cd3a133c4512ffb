import type { Kysely, Transaction } from 'kysely';

/** What waits for a transaction opened by `committedTransaction` to commit. */
const waiting = new WeakMap<Transaction<any>, Array<() => void>>();

/**
 * Runs `hook` once `trx` has committed: for what may only be known of committed writes (a
 * CommandRunner's kept state of a stream the transaction wrote). Never if it rolls back, and
 * never if `trx` was not opened by `committedTransaction`: what waits on a commit is then not
 * done at all rather than done too early.
 */
export function onCommit(trx: Transaction<any>, hook: () => void): void {
  waiting.get(trx)?.push(hook);
}

/** `db.transaction().execute(fn)`, then what `fn` asked to run once it committed (onCommit). */
export async function committedTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  let opened: Transaction<DB> | undefined;
  try {
    const result = await db.transaction().execute((trx) => {
      opened = trx;
      waiting.set(trx, []);
      return fn(trx);
    });
    for (const hook of waiting.get(opened!) ?? []) hook();
    return result;
  } finally {
    if (opened) waiting.delete(opened);
  }
}
