import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import type { Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { stationsError } from '../../errors';
import { assertMayActAt } from '../../station/venue';
import { LegalAidVault } from '../legal-aid-vault';

/** A case's worker, opened from the vault (the read logged there) for who may handle the case at its station or street. */
@Injectable()
export class ReadWorkerHandler {
  constructor(
    private readonly vault: LegalAidVault,
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
  ) {}

  async worker(caseId: string, principal: Principal) {
    const row = await this.db.selectFrom('legal_cases').select(['worker_ref', 'station_id', 'street_code']).where('case_id', '=', caseId).executeTakeFirst();
    if (!row) throw stationsError('legal_case_not_found', `案件 ${caseId} 不存在`, 'id');
    assertMayActAt(principal, { stationId: row.station_id, streetCode: row.street_code }, '法律援助案件');
    return { caseId, worker: await this.vault.open(row.worker_ref, caseId, principal.subject) };
  }
}
