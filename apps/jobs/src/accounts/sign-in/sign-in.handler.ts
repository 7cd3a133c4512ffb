import { Injectable } from '@nestjs/common';
import { VerificationCodes } from '@ws/verification';
import { JobsAccess } from '../../access/jobs-access';
import { jobsError } from '../../errors';
import { JobsVault } from '../../vault/jobs-vault';
import type { CodeRequestDto, SessionDto } from './sign-in.dto';

/** Mobile codes and sign-in for seekers and employers: who holds a mobile is asked of the vault. */
@Injectable()
export class SignInHandler {
  constructor(
    private readonly codes: VerificationCodes,
    private readonly vault: JobsVault,
    private readonly access: JobsAccess,
  ) {}

  async sendCode(body: CodeRequestDto) {
    if (body.purpose === 'register') return this.codes.issue(body.mobile, 'jobs_register');
    if (await this.vault.ownerWithMobile(body.account, body.mobile)) return this.codes.issue(body.mobile, 'jobs_login');
    const now = Date.now();
    return { expiresAt: new Date(now + 5 * 60_000).toISOString(), resendAfter: new Date(now + 60_000).toISOString() };
  }

  async signIn(body: SessionDto) {
    const id = await this.vault.ownerWithMobile(body.account, body.mobile);
    // No code was sent to an unknown mobile, so the check answers alike for a stranger.
    await this.codes.verify(body.mobile, 'jobs_login', body.code);
    if (!id) throw jobsError('jobs_unauthenticated', '手机号或验证码不正确');
    return { [`${body.account}Id`]: id, ...(await this.access.sessionFor(body.account, id)) };
  }
}
