import { Inject, Injectable } from '@nestjs/common';
import { Kysely, Transaction } from 'kysely';
import type { GeoPoint } from '@ws/contracts';
import { deriveKey, keyedHash, newDataKey, open, seal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { JobsDatabase, JobsVaultTable } from '../db/database';
import { JOBS_CONFIG } from '../jobs.config';
import type { JobsConfig } from '../jobs.config';
import { jobsError } from '../errors';

/** How a person who erased their personal data (注销) is shown where they were named. */
export const ERASED_LABEL = '已注销';

export type VaultOwnerKind = JobsVaultTable['owner_kind'];

export interface VaultEntry {
  ref: string;
  ownerKind: VaultOwnerKind;
  ownerId: string;
  /** Indexed by HMAC: one account per mobile and kind, found at sign-in without decrypting. */
  mobile: string | null;
  /** Sealed: names, ID number, credit code, mobile, address text. */
  data: Record<string, string | null>;
  /** A seeker's home point, rounded, kept in clear for matching. */
  home: GeoPoint | null;
}

/**
 * The jobs service's personal data: sealed with the owner's own key, the key wrapped by the
 * master key; erasing the key erases the person. Not the platform's SealedVault (one key per
 * record): an owner has many entries (a seeker's profile, an employer's profile and each place
 * of work) under one key (`jobs_keys` by `owner_id`, AAD `jobs-key:<owner>`, entries `jobs:<ref>`),
 * so one deletion erases them all, and rows already stored are sealed so.
 */
@Injectable()
export class JobsVault {
  private readonly masterKey: Buffer;
  private readonly hmacKey: Buffer;

  constructor(
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
    @Inject(JOBS_CONFIG) config: JobsConfig,
  ) {
    this.masterKey = deriveKey(config.vaultKey, 'jobs-vault-master');
    this.hmacKey = deriveKey(config.vaultKey, 'jobs-vault-hmac');
  }

  /** In the transaction of the events that refer to it; a mobile already registered for this kind is refused. */
  async store(trx: Transaction<any>, entry: VaultEntry): Promise<void> {
    const t = trx as Transaction<JobsDatabase>;
    let wrapped = await t.selectFrom('jobs_keys').select('wrapped_key').where('owner_id', '=', entry.ownerId).executeTakeFirst();
    if (!wrapped) {
      const dataKey = newDataKey();
      wrapped = { wrapped_key: seal(this.masterKey, `jobs-key:${entry.ownerId}`, dataKey) };
      await t.insertInto('jobs_keys').values({ owner_id: entry.ownerId, wrapped_key: wrapped.wrapped_key }).execute();
    }
    const dataKey = open(this.masterKey, `jobs-key:${entry.ownerId}`, wrapped.wrapped_key);
    const inserted = await t
      .insertInto('jobs_vault')
      .values({
        ref: entry.ref,
        owner_kind: entry.ownerKind,
        owner_id: entry.ownerId,
        mobile_hmac: entry.mobile === null ? null : this.mobileHmac(entry.mobile),
        sealed: seal(dataKey, `jobs:${entry.ref}`, Buffer.from(JSON.stringify(entry.data), 'utf8')),
        home_lng: entry.home?.lng ?? null,
        home_lat: entry.home?.lat ?? null,
      })
      .onConflict((oc) => oc.columns(['owner_kind', 'mobile_hmac']).where('mobile_hmac', 'is not', null).doNothing())
      .returning('ref')
      .executeTakeFirst();
    if (!inserted) throw jobsError('mobile_already_registered', '该手机号已注册，请直接登录', 'mobile');
  }

  async open(ref: string): Promise<Record<string, string | null>> {
    const row = await this.db
      .selectFrom('jobs_vault as v')
      .leftJoin('jobs_keys as k', 'k.owner_id', 'v.owner_id')
      .select(['v.sealed', 'v.owner_id', 'k.wrapped_key'])
      .where('v.ref', '=', ref)
      .executeTakeFirst();
    if (!row?.wrapped_key) throw jobsError('personal_data_erased', '个人信息不存在或已删除');
    const dataKey = open(this.masterKey, `jobs-key:${row.owner_id}`, row.wrapped_key);
    return JSON.parse(open(dataKey, `jobs:${ref}`, row.sealed).toString('utf8')) as Record<string, string | null>;
  }

  /** A seeker's or an employer's own profile row (one per owner and kind), opened. */
  async openProfile(kind: 'seeker' | 'employer', ownerId: string): Promise<Record<string, string | null>> {
    const row = await this.db.selectFrom('jobs_vault').select('ref').where('owner_kind', '=', kind).where('owner_id', '=', ownerId).executeTakeFirst();
    if (!row) throw jobsError('personal_data_erased', '个人信息不存在或已删除');
    return this.open(row.ref);
  }

  /**
   * 注销 (crypto-shredding): the owner's key, sealed rows and mobile HMACs deleted in the
   * transaction of the event that says so; a backup without the key table holds only noise.
   */
  async erase(trx: Transaction<any>, ownerId: string): Promise<void> {
    const t = trx as Transaction<JobsDatabase>;
    await t.deleteFrom('jobs_vault').where('owner_id', '=', ownerId).execute();
    await t.deleteFrom('jobs_keys').where('owner_id', '=', ownerId).execute();
  }

  /**
   * 注销 of a company's contact: every entry of the owner opened, the old key and rows deleted
   * (the mobile with them, in any copy sealed under that key), the entries sealed again under a
   * new key without the mobile. The company's name, credit code and work places stay.
   */
  async eraseMobile(trx: Transaction<any>, ownerId: string): Promise<void> {
    const t = trx as Transaction<JobsDatabase>;
    const key = await t.selectFrom('jobs_keys').select('wrapped_key').where('owner_id', '=', ownerId).forUpdate().executeTakeFirst();
    if (!key) return;
    const dataKey = open(this.masterKey, `jobs-key:${ownerId}`, key.wrapped_key);
    const rows = await t.selectFrom('jobs_vault').selectAll().where('owner_id', '=', ownerId).execute();
    await this.erase(trx, ownerId);
    for (const row of rows) {
      const data = JSON.parse(open(dataKey, `jobs:${row.ref}`, row.sealed).toString('utf8')) as Record<string, string | null>;
      const home = row.home_lng === null || row.home_lat === null ? null : { lng: row.home_lng, lat: row.home_lat };
      await this.store(trx, { ref: row.ref, ownerKind: row.owner_kind, ownerId, mobile: null, data: 'mobile' in data ? { ...data, mobile: null } : data, home });
    }
  }

  /** Whether the account may hold a session: its own row still has a mobile (erasure takes it, with the row or alone). */
  async signsIn(kind: 'seeker' | 'employer', ownerId: string): Promise<boolean> {
    const row = await this.db.selectFrom('jobs_vault').select('ref').where('owner_kind', '=', kind).where('owner_id', '=', ownerId).where('mobile_hmac', 'is not', null).executeTakeFirst();
    return row !== undefined;
  }

  async ownerWithMobile(kind: VaultOwnerKind, mobile: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('jobs_vault').select('owner_id').where('owner_kind', '=', kind).where('mobile_hmac', '=', this.mobileHmac(mobile)).executeTakeFirst();
    return row?.owner_id;
  }

  private mobileHmac(mobile: string): string {
    return keyedHash(this.hmacKey, 'mobile', mobile.replace(/\D/g, ''));
  }
}
