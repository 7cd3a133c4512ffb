import type { Insertable, Kysely, Transaction } from 'kysely';
import { openJsonRecord, openRecord, sealJsonRecord, sealRecord } from '@ws/kernel';
import type { SealedRecord } from '@ws/kernel';

type TableOf<DB> = keyof DB & string;
/** The tables of DB that have the columns of C. */
type TableWith<DB, C> = { [N in TableOf<DB>]: DB[N] extends C ? N : never }[TableOf<DB>];
type RecordsTable<DB> = TableWith<DB, { sealed: Buffer }>;
type KeysTable<DB> = TableWith<DB, { wrapped_key: Buffer }>;

/** What a vault seals: a UTF-8 text as it is (wishes' contacts), or a value as its JSON. */
export interface SealedValue<T> {
  seal(masterKey: Buffer, purpose: string, ref: string, value: T): SealedRecord;
  open(masterKey: Buffer, purpose: string, ref: string, record: SealedRecord): T;
}

export const sealedText: SealedValue<string> = {
  seal: (masterKey, purpose, ref, text) => sealRecord(masterKey, purpose, ref, Buffer.from(text, 'utf8')),
  open: (masterKey, purpose, ref, record) => openRecord(masterKey, purpose, ref, record).toString('utf8'),
};

export function sealedJson<T>(): SealedValue<T> {
  return { seal: sealJsonRecord, open: (masterKey, purpose, ref, record) => openJsonRecord<T>(masterKey, purpose, ref, record) };
}

/**
 * Where a vault of the kernel's sealed records lives, named by the service that owns it (its
 * database.ts declares the tables): the sealed rows (a `sealed` column), the wrapped keys (a
 * `wrapped_key` column) keyed by the same reference column, and the log of who opened which.
 */
export interface VaultTables<DB, T, R extends RecordsTable<DB>, K extends KeysTable<DB>, L extends TableOf<DB>> {
  /** The record is bound to `<purpose>:<ref>`, its key to `<purpose>-key:<ref>` (sealRecord). */
  purpose: string;
  value: SealedValue<T>;
  records: R;
  keys: K;
  ref: keyof DB[R] & keyof DB[K] & string;
  accessLog: L;
}

/**
 * The one way a service keeps personal data in a vault: each record sealed with its own key, the
 * key wrapped by the vault's master key, in two rows written in the caller's transaction (a
 * command's, through `alongside`); a reading is written to the access log; erasing deletes the
 * key (crypto-shredding) and the sealed row with it. Refusals are the caller's: `open` answers
 * undefined for a record that is not here or was erased, and the service says which error that is.
 */
export class SealedVault<DB, T, R extends RecordsTable<DB>, K extends KeysTable<DB>, L extends TableOf<DB>> {
  /** Queried untyped inside: the adapter's names were checked against DB where it was made. */
  private readonly db: Kysely<any>;

  constructor(
    db: Kysely<DB>,
    private readonly masterKey: Buffer,
    private readonly tables: VaultTables<DB, T, R, K, L>,
  ) {
    this.db = db as unknown as Kysely<any>;
  }

  /**
   * Seals `value` under `ref` in `trx`, with the record row's other columns (`columns`). With
   * `unique`, a record row whose column clashes with another's writes nothing and answers false
   * (one registration per mobile).
   */
  async store(
    trx: Transaction<DB>,
    ref: string,
    value: T,
    columns: Omit<Insertable<DB[R]>, VaultTables<DB, T, R, K, L>['ref'] | 'sealed'>,
    unique?: keyof DB[R] & string,
  ): Promise<boolean> {
    const { records, keys, ref: refColumn } = this.names();
    const { sealed, wrappedKey } = this.tables.value.seal(this.masterKey, this.tables.purpose, ref, value);
    const t = trx as unknown as Transaction<any>;
    let insert = t.insertInto(records).values({ ...columns, [refColumn]: ref, sealed });
    if (unique) insert = insert.onConflict((oc) => oc.column(unique).doNothing());
    if (!(await insert.returning(refColumn).executeTakeFirst())) return false;
    await t.insertInto(keys).values({ [refColumn]: ref, wrapped_key: wrappedKey }).execute();
    return true;
  }

  /**
   * The record, or undefined when it is not here or was erased. With `reading` (who, and why),
   * the reading goes to the access log; without, the caller discloses nothing yet (a masked view)
   * or logs with `logReading` once it does.
   */
  async open(ref: string, reading?: Insertable<DB[L]>): Promise<T | undefined> {
    const { records, keys, ref: refColumn } = this.names();
    const row = await this.db
      .selectFrom(`${records} as v`)
      .leftJoin(`${keys} as k`, `k.${refColumn}`, `v.${refColumn}`)
      .select(['v.sealed', 'k.wrapped_key'])
      .where(`v.${refColumn}`, '=', ref)
      .executeTakeFirst();
    if (!row?.wrapped_key) return undefined;
    const value = this.tables.value.open(this.masterKey, this.tables.purpose, ref, { sealed: row.sealed, wrappedKey: row.wrapped_key });
    if (reading) await this.logReading(reading);
    return value;
  }

  async logReading(reading: Insertable<DB[L]>): Promise<void> {
    await this.db.insertInto(this.names().accessLog).values(reading).execute();
  }

  /** Crypto-shredding: the key goes first, so the sealed row (and any backup of it) is noise. In `trx` if given. */
  async erase(ref: string, trx?: Transaction<DB>): Promise<void> {
    if (!trx) return this.db.transaction().execute((own) => this.erase(ref, own as Transaction<DB>));
    const { records, keys, ref: refColumn } = this.names();
    const t = trx as unknown as Transaction<any>;
    await t.deleteFrom(keys).where(refColumn, '=', ref).execute();
    await t.deleteFrom(records).where(refColumn, '=', ref).execute();
  }

  private names(): { records: string; keys: string; ref: string; accessLog: string } {
    return this.tables;
  }
}
