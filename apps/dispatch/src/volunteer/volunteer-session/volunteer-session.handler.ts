import { Injectable } from '@nestjs/common';
import { VerificationCodes } from '@ws/verification';
import { VolunteerAccess } from '../access/volunteer-access';
import { VolunteerVault } from '../vault/volunteer-vault';
import { dispatchError } from '../../dispatch.errors';
import type { VolunteerCodeDto, VolunteerSessionDto } from './volunteer-session.dto';

/** A volunteer signs in by id and access code, or by the registered mobile and an SMS code; a stranger's mobile answers alike. */
@Injectable()
export class VolunteerSessionHandler {
  constructor(
    private readonly access: VolunteerAccess,
    private readonly vault: VolunteerVault,
    private readonly codes: VerificationCodes,
  ) {}

  async login(body: VolunteerSessionDto) {
    if (body.volunteerId !== undefined) return this.access.login(body.volunteerId, body.accessCode!);
    const volunteerId = await this.vault.volunteerWithMobile(body.mobile!);
    // No code was ever sent to an unknown mobile, so checking answers alike for a stranger.
    await this.codes.verify(body.mobile!, 'volunteer_login', body.code!);
    if (!volunteerId) throw dispatchError('volunteer_unauthenticated', '手机号或验证码不正确');
    return this.access.sessionFor(volunteerId);
  }

  async sendCode(body: VolunteerCodeDto) {
    if (await this.vault.volunteerWithMobile(body.mobile)) return this.codes.issue(body.mobile, 'volunteer_login');
    const now = Date.now();
    return { expiresAt: new Date(now + 5 * 60_000).toISOString(), resendAfter: new Date(now + 60_000).toISOString() };
  }
}
