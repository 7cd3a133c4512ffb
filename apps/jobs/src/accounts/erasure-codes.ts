import { Injectable } from '@nestjs/common';
import { VerificationCodes } from '@ws/verification';
import type { VerifiedCode } from '@ws/verification';
import type { JobsAccountKind } from '../access/jobs-access';
import { JobsVault } from '../vault/jobs-vault';

/**
 * 注销 is confirmed by a fresh code to the mobile the account registered with (read from its own
 * vault row, so nobody types it): sent, then checked without being used up, the erasure's
 * transaction uses it up.
 */
@Injectable()
export class ErasureCodes {
  constructor(
    private readonly vault: JobsVault,
    private readonly codes: VerificationCodes,
  ) {}

  async send(kind: JobsAccountKind, id: string) {
    return this.codes.issue(await this.mobileOf(kind, id), 'jobs_erasure');
  }

  async check(kind: JobsAccountKind, id: string, code: string): Promise<VerifiedCode> {
    return this.codes.check(await this.mobileOf(kind, id), 'jobs_erasure', code);
  }

  private async mobileOf(kind: JobsAccountKind, id: string): Promise<string> {
    return (await this.vault.openProfile(kind, id))['mobile'] ?? '';
  }
}
