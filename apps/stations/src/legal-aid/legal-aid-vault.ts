import { Inject, Injectable } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MinLength } from 'class-validator';
import { Kysely, Transaction } from 'kysely';
import { deriveKey, loadConfig, secretOrEphemeral } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../db/database';
import { openRecord, sealRecord } from '../vault/sealed-record';
import { stationsError } from '../errors';

export class LegalAidEnv {
  /**
   * Master key of the stations service's vaults — the legal-aid workers' details and the member
   * cards shown at welfare handouts, each under a key derived for it; required in production
   * (development: npm start generates one under .run/).
   */
  @IsOptional() @IsString() @MinLength(32, { message: 'LEGAL_AID_VAULT_KEY must be at least 32 characters' })
  LEGAL_AID_VAULT_KEY?: string;

  @IsOptional() @IsIn(['production', 'development', 'test'])
  NODE_ENV?: string;
}

export const LEGAL_AID_VAULT_KEY = Symbol('LEGAL_AID_VAULT_KEY');
const PURPOSE = 'legal-worker';

export function legalAidVaultKey(env: NodeJS.ProcessEnv = process.env): string {
  const raw = loadConfig(LegalAidEnv, env);
  return secretOrEphemeral('LEGAL_AID_VAULT_KEY', raw.LEGAL_AID_VAULT_KEY, raw.NODE_ENV, 'legal-aid workers\' details and welfare handouts\' member cards are sealed');
}

/** What the worker told the station: kept only here, sealed, never in an event, a log or a URL. */
export interface LegalAidWorker {
  name: string;
  mobile: string;
  employer: string | null;
  account: string;
}

/**
 * The workers of legal-aid cases, as the other services keep people (membership's vault,
 * wishes' contacts): each sealed with its own key, the key wrapped by the master key; every
 * opening logged with who and why; erasing deletes the key (crypto-shredding), the case's
 * events stay as they are.
 */
@Injectable()
export class LegalAidVault {
  private readonly masterKey: Buffer;

  constructor(
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(LEGAL_AID_VAULT_KEY) key: string,
  ) {
    this.masterKey = deriveKey(key, 'legal-aid-vault');
  }

  async store(trx: Transaction<StationsDatabase>, workerRef: string, worker: LegalAidWorker): Promise<void> {
    const { sealed, wrappedKey } = sealRecord(this.masterKey, PURPOSE, workerRef, worker);
    await trx.insertInto('legal_aid_vault').values({ worker_ref: workerRef, sealed }).execute();
    await trx.insertInto('legal_aid_keys').values({ worker_ref: workerRef, wrapped_key: wrappedKey }).execute();
  }

  /** The worker's details, the read written in the access log with the case and the officer. */
  async open(workerRef: string, caseId: string, actor: string): Promise<LegalAidWorker> {
    const row = await this.db
      .selectFrom('legal_aid_vault as v')
      .leftJoin('legal_aid_keys as k', 'k.worker_ref', 'v.worker_ref')
      .select(['v.sealed', 'k.wrapped_key'])
      .where('v.worker_ref', '=', workerRef)
      .executeTakeFirst();
    if (!row?.wrapped_key) throw stationsError('legal_worker_erased', '当事人信息已删除');
    await this.db.insertInto('legal_aid_access_log').values({ actor, case_id: caseId, purpose: 'case_handling' }).execute();
    return openRecord<LegalAidWorker>(this.masterKey, PURPOSE, workerRef, { sealed: row.sealed, wrappedKey: row.wrapped_key });
  }

  async erase(workerRef: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('legal_aid_keys').where('worker_ref', '=', workerRef).execute();
      await trx.deleteFrom('legal_aid_vault').where('worker_ref', '=', workerRef).execute();
    });
  }
}
