import { Injectable } from '@nestjs/common';
import type { Principal } from '@ws/kernel';
import { LegalAidVault } from '../legal-aid-vault';
import { LegalCaseCommands } from '../legal-case-commands';

/**
 * The worker's details erased at their request by who may open them: the key and the sealed row
 * deleted in the append's transaction (crypto-shredding), `LegalWorkerErased` naming only the case
 * and the reason. The case, its state and its counts stay.
 */
@Injectable()
export class EraseWorkerHandler {
  constructor(
    private readonly cases: LegalCaseCommands,
    private readonly vault: LegalAidVault,
  ) {}

  erase(caseId: string, reason: string, principal: Principal) {
    return this.cases.run({ type: 'EraseLegalWorker', caseId, reason }, principal, async (trx, decidedOn) => {
      if (decidedOn.workerRef) await this.vault.erase(trx, decidedOn.workerRef);
    });
  }
}
