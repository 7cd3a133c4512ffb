import { Inject, Injectable } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MinLength } from 'class-validator';
import { Kysely, Transaction } from 'kysely';
import { deriveKey, loadConfig, secretOrEphemeral } from '@ws/kernel';
import { DB, SealedVault, sealedJson } from '@ws/platform';
import type { StationsDatabase } from '../db/database';
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
 * The workers of legal-aid cases in the platform's sealed vault, as wishes' contacts and
 * dispatch's volunteers: each sealed with its own key, the key wrapped by the master key; every
 * opening logged with who and why. The case's events carry only the reference, so deleting the
 * key (`erase`, crypto-shredding, at the worker's request) forgets the worker for good.
 */
@Injectable()
export class LegalAidVault {
  private readonly workers: SealedVault<StationsDatabase, LegalAidWorker, 'legal_aid_vault', 'legal_aid_keys', 'legal_aid_access_log'>;

  constructor(@Inject(DB) db: Kysely<StationsDatabase>, @Inject(LEGAL_AID_VAULT_KEY) key: string) {
    this.workers = new SealedVault(db, deriveKey(key, 'legal-aid-vault'), {
      purpose: 'legal-worker',
      value: sealedJson<LegalAidWorker>(),
      records: 'legal_aid_vault',
      keys: 'legal_aid_keys',
      ref: 'worker_ref',
      accessLog: 'legal_aid_access_log',
    });
  }

  async store(trx: Transaction<StationsDatabase>, workerRef: string, worker: LegalAidWorker): Promise<void> {
    await this.workers.store(trx, workerRef, worker, {});
  }

  /** The worker's details, the read written in the access log with the case and the officer. */
  async open(workerRef: string, caseId: string, actor: string): Promise<LegalAidWorker> {
    const worker = await this.workers.open(workerRef, { actor, case_id: caseId, purpose: 'case_handling' });
    if (!worker) throw stationsError('personal_data_erased', '当事人信息已删除');
    return worker;
  }

  /** The key and the sealed row deleted in the erasure's append transaction: the details cannot be opened again. */
  async erase(trx: Transaction<StationsDatabase>, workerRef: string): Promise<void> {
    await this.workers.erase(workerRef, trx);
  }
}
