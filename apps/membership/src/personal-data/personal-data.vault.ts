import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql, Transaction } from 'kysely';
import type { MembershipDatabase } from '../db/database';
import {
  idNumberHmac,
  mobileHmac,
  newDataKey,
  openPersonalData,
  PersonalData,
  sealPersonalData,
  unwrapDataKey,
  unwrapSecret,
  wrapDataKey,
  wrapSecret,
} from './crypto';
import { PII_KEYS, type PiiKeys } from './pii-keys';

type Executor = Kysely<MembershipDatabase> | Transaction<MembershipDatabase>;

export interface NewPerson {
  personId: string;
  data: PersonalData;
}

/**
 * A person's data as the vault returns it: readable; erased (the key was destroyed); or held
 * elsewhere (a parent node sees members of its districts, whose data stays in the district).
 */
export type RevealedPerson = { state: 'readable'; data: PersonalData } | { state: 'erased' } | { state: 'elsewhere' };

/**
 * The only place that sees names, mobiles and ID numbers in clear. Each person has their own
 * data key (AES-256-GCM), wrapped by the master key; destroying that key (erasure) makes every
 * copy of the ciphertext unreadable, in this database and in any backup of it that lacks the key
 * table. Lookups go by keyed HMAC, never by the clear value.
 */
@Injectable()
export class PersonalDataVault {
  constructor(@Inject(PII_KEYS) private readonly keys: PiiKeys) {}

  idNumberHmac(idNumber: string): string {
    return idNumberHmac(this.keys.hmacKey, idNumber);
  }

  mobileHmac(mobile: string): string {
    return mobileHmac(this.keys.hmacKey, mobile);
  }

  /** Persons already known by these ID-number HMACs: hmac → person id and the mobile HMAC on record. */
  async personsByIdNumberHmac(db: Executor, hmacs: string[]): Promise<Map<string, { personId: string; mobileHmac: string | null }>> {
    if (hmacs.length === 0) return new Map();
    const rows = await db.selectFrom('persons').select(['person_id', 'id_number_hmac', 'mobile_hmac']).where('id_number_hmac', 'in', hmacs).execute();
    return new Map(rows.map((r) => [r.id_number_hmac!, { personId: r.person_id, mobileHmac: r.mobile_hmac }]));
  }

  /**
   * Stores new persons; returns the ids actually created. A person whose ID number another
   * transaction registered meanwhile is skipped (the caller treats them as known).
   */
  async register(trx: Transaction<MembershipDatabase>, persons: NewPerson[]): Promise<Set<string>> {
    if (persons.length === 0) return new Set();
    const { rows } = await sql<{ person_id: string }>`
      insert into persons (person_id, id_number_hmac, mobile_hmac)
      select * from unnest(
        ${persons.map((p) => p.personId)}::uuid[],
        ${persons.map((p) => this.idNumberHmac(p.data.idNumber))}::text[],
        ${persons.map((p) => this.mobileHmac(p.data.mobile))}::text[])
      on conflict (id_number_hmac) do nothing
      returning person_id`.execute(trx);
    const created = new Set(rows.map((r) => r.person_id));
    const stored = persons.filter((p) => created.has(p.personId));
    if (stored.length === 0) return created;
    const sealed = stored.map((p) => {
      const dataKey = newDataKey();
      return { personId: p.personId, wrapped: wrapDataKey(this.keys.masterKey, p.personId, dataKey), ...sealPersonalData(dataKey, p.personId, p.data) };
    });
    await sql`
      insert into person_keys (person_id, data_key)
      select * from unnest(${sealed.map((s) => s.personId)}::uuid[], ${sealed.map((s) => s.wrapped)}::bytea[])`.execute(trx);
    await sql`
      insert into person_data (person_id, ciphertext, iv, tag)
      select * from unnest(
        ${sealed.map((s) => s.personId)}::uuid[], ${sealed.map((s) => s.ciphertext)}::bytea[],
        ${sealed.map((s) => s.iv)}::bytea[], ${sealed.map((s) => s.tag)}::bytea[])`.execute(trx);
    return created;
  }

  /** Replaces a known person's data under their existing key (a new mobile, a corrected name). */
  async replace(trx: Transaction<MembershipDatabase>, personId: string, data: PersonalData): Promise<void> {
    const key = await trx.selectFrom('person_keys').select('data_key').where('person_id', '=', personId).executeTakeFirst();
    if (!key) throw new Error(`person ${personId} has no data key (erased?)`);
    const dataKey = unwrapDataKey(this.keys.masterKey, personId, key.data_key);
    const sealed = sealPersonalData(dataKey, personId, data);
    await trx
      .updateTable('persons')
      .set({ id_number_hmac: this.idNumberHmac(data.idNumber), mobile_hmac: this.mobileHmac(data.mobile) })
      .where('person_id', '=', personId)
      .execute();
    await trx
      .updateTable('person_data')
      .set({ ciphertext: sealed.ciphertext, iv: sealed.iv, tag: sealed.tag, updated_at: new Date() })
      .where('person_id', '=', personId)
      .execute();
  }

  /** Decrypts the given persons (see RevealedPerson for the other outcomes). */
  async reveal(db: Executor, personIds: string[]): Promise<Map<string, RevealedPerson>> {
    const result = new Map<string, RevealedPerson>(personIds.map((id) => [id, { state: 'elsewhere' }]));
    if (personIds.length === 0) return result;
    const rows = await db
      .selectFrom('persons as p')
      .leftJoin('person_data as d', 'd.person_id', 'p.person_id')
      .leftJoin('person_keys as k', 'k.person_id', 'p.person_id')
      .select(['p.person_id', 'd.ciphertext', 'd.iv', 'd.tag', 'k.data_key'])
      .where('p.person_id', 'in', [...new Set(personIds)])
      .execute();
    for (const row of rows) {
      if (!row.data_key || !row.ciphertext || !row.iv || !row.tag) {
        result.set(row.person_id, { state: 'erased' });
        continue;
      }
      const dataKey = unwrapDataKey(this.keys.masterKey, row.person_id, row.data_key);
      const data = openPersonalData(dataKey, row.person_id, { ciphertext: row.ciphertext, iv: row.iv, tag: row.tag });
      result.set(row.person_id, { state: 'readable', data });
    }
    return result;
  }

  /**
   * Crypto-shredding: the data key goes, so the ciphertext (deleted too, and in any backup) is
   * noise; the HMACs go, so the ID number and mobile can no longer be matched. Returns false if
   * the person was already erased or never known here.
   */
  async erase(trx: Transaction<MembershipDatabase>, personId: string): Promise<boolean> {
    const erased = await trx
      .updateTable('persons')
      .set({ id_number_hmac: null, mobile_hmac: null, erased_at: new Date() })
      .where('person_id', '=', personId)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    await trx.deleteFrom('person_keys').where('person_id', '=', personId).execute();
    await trx.deleteFrom('person_data').where('person_id', '=', personId).execute();
    await trx.deleteFrom('sms_consents').where('person_id', '=', personId).execute();
    return Number(erased.numUpdatedRows) > 0;
  }

  /**
   * The person's data left with a transfer to another node, which holds it now: everything
   * about them goes from this vault (the member's rows here then read "held elsewhere").
   */
  async release(trx: Transaction<MembershipDatabase>, personId: string): Promise<void> {
    await trx.deleteFrom('person_keys').where('person_id', '=', personId).execute();
    await trx.deleteFrom('person_data').where('person_id', '=', personId).execute();
    await trx.deleteFrom('sms_consents').where('person_id', '=', personId).execute();
    await trx.deleteFrom('persons').where('person_id', '=', personId).execute();
  }

  /** A secret of this node (a transfer's handover key) wrapped by the master key for one purpose. */
  wrapSecret(purpose: string, secret: Buffer): Buffer {
    return wrapSecret(this.keys.masterKey, purpose, secret);
  }

  unwrapSecret(purpose: string, wrapped: Buffer): Buffer {
    return unwrapSecret(this.keys.masterKey, purpose, wrapped);
  }

  /** Who saw a person's data unmasked, and why: the audit trail PIPL asks for. */
  async logDisclosure(db: Executor, actor: string, personIds: string[], purpose: string): Promise<void> {
    if (personIds.length === 0) return;
    await db
      .insertInto('pii_access_log')
      .values(personIds.map((personId) => ({ actor, person_id: personId, purpose })))
      .execute();
  }
}
