import { Inject, Injectable } from '@nestjs/common';
import { newId, type Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { assertMayActAt } from '../../station/venue';
import { venueStation } from '../../station/venue-station';
import { LegalAidVault } from '../legal-aid-vault';
import { LegalCaseCommands } from '../legal-case-commands';
import type { LegalCaseCommand } from '../legal-case.decider';
import type { ReceiveLegalCaseDto } from './receive-case.dto';

/** A case received at a station or street of the caller's: the worker's details sealed into the vault in the append's transaction, the event naming only a reference. */
@Injectable()
export class ReceiveCaseHandler {
  constructor(
    private readonly commands: CommandRunner,
    private readonly cases: LegalCaseCommands,
    private readonly vault: LegalAidVault,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async receive(dto: ReceiveLegalCaseDto, principal: Principal) {
    const stationId = dto.stationId ?? null;
    const station = stationId === null ? null : await venueStation(this.commands, stationId);
    assertMayActAt(principal, { stationId, streetCode: station?.streetCode ?? dto.streetCode ?? null }, '法律援助案件');
    const workerRef = newId();
    const command: LegalCaseCommand = {
      type: 'ReceiveLegalCase', caseId: newId(), kind: dto.kind, occupation: dto.occupation, receivedOn: dto.receivedOn, workerRef,
      nodeCode: this.config.node.code, stationId, streetCode: dto.streetCode ?? null, station,
    };
    const worker = { name: dto.name.trim(), mobile: dto.mobile, employer: dto.employer?.trim() || null, account: dto.account.trim() };
    return this.cases.run(command, principal, (trx) => this.vault.store(trx, workerRef, worker));
  }
}
