import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@ws/contracts';
import { type AggregateDefinition, CommandRunner, type CommandOf } from '@ws/platform';
import { VerificationCodes } from '@ws/verification';
import { JobsAccess, type JobsAccountKind, type JobsSession } from '../access/jobs-access';
import { JobsVault, type VaultEntry } from '../vault/jobs-vault';

/** The account being opened: who, and the mobile its code was sent to. */
export interface NewAccount {
  kind: JobsAccountKind;
  id: string;
  mobile: string;
  code: string;
}

/**
 * A seeker's or an employer's account opened by a mobile code: the code checked before anything,
 * then the registration's command run with the code used up and the profile sealed in the vault
 * in its transaction (no account without its profile, no code used twice); the new account's session.
 */
@Injectable()
export class AccountRegistration {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    private readonly access: JobsAccess,
    private readonly codes: VerificationCodes,
  ) {}

  async open<C, E extends DomainEvent, S>(
    account: NewAccount,
    aggregate: AggregateDefinition<C, E, S>,
    command: NoInfer<CommandOf<C, S>>,
    profile: Pick<VaultEntry, 'ref' | 'data' | 'home'>,
  ): Promise<JobsSession> {
    const verified = await this.codes.check(account.mobile, 'jobs_register', account.code);
    await this.runner.run(aggregate, account.id, command, {
      meta: { actor: `${account.kind}:${account.id}` },
      alongside: async (trx) => {
        await verified.consume(trx);
        await this.vault.store(trx, { ...profile, ownerKind: account.kind, ownerId: account.id, mobile: account.mobile });
      },
    });
    return this.access.sessionFor(account.kind, account.id);
  }
}
