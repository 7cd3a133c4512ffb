import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { legalCaseAggregate } from '../aggregates';
import type { StationsDatabase } from '../db/database';
import { assertMayActAt } from '../station/venue';
import type { LegalCaseCommand, LegalCaseProgress } from './legal-case.decider';

/**
 * Runs a command on a case's stream: a case that does not exist is missing for everyone; one that
 * does must be at the caller's station or street. `alongside`: what is written in the append's
 * transaction (a new case's worker into the vault, an erased one out of it), given the state the
 * command was decided on.
 */
@Injectable()
export class LegalCaseCommands {
  constructor(private readonly commands: CommandRunner) {}

  async run(command: LegalCaseCommand, principal: Principal, alongside?: (trx: Transaction<StationsDatabase>, decidedOn: LegalCaseProgress) => Promise<void>) {
    let decidedOn = legalCaseAggregate.decider.initialState();
    const result = await this.commands.run(
      legalCaseAggregate,
      command.caseId,
      (state) => {
        if (state.venue) assertMayActAt(principal, state.venue, '法律援助案件');
        decidedOn = state;
        return command;
      },
      { meta: { actor: principal.subject }, ...(alongside ? { alongside: (trx) => alongside(trx, decidedOn) } : {}) },
    );
    return { caseId: command.caseId, version: result.version, events: result.events.map((e) => e.type), state: result.state.state };
  }
}
