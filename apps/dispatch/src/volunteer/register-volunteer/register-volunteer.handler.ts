import { Inject, Injectable } from '@nestjs/common';
import { authorize, newId } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { assertStreetInNode } from '../../shared/street-code';
import { VolunteerAccess } from '../access/volunteer-access';
import { VolunteerVault } from '../vault/volunteer-vault';
import type { VolunteerCommand } from '../volunteer.decider';
import { volunteerAggregate } from '../../aggregates';
import type { RegisterVolunteerDto } from './register-volunteer.dto';

/**
 * 登记志愿者 by an officer of the volunteer's home street (or above): name and mobile sealed in the
 * vault and the first sign-in code issued in the registration's own transaction.
 */
@Injectable()
export class RegisterVolunteerHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: VolunteerVault,
    private readonly access: VolunteerAccess,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async register(body: RegisterVolunteerDto, principal: Principal) {
    assertStreetInNode(body.homeStreet, this.platform.node.code);
    authorize(principal, { street: body.homeStreet, field: 'streetCode' });
    const volunteerId = newId();
    let accessCode = '';
    await this.runner.run(
      volunteerAggregate,
      volunteerId,
      (): VolunteerCommand => ({
        type: 'RegisterVolunteer',
        volunteer: {
          volunteerId,
          type: body.type,
          skills: body.skills.map((s) => ({ skill: s.skill, certificateRef: s.certificateRef ?? null })),
          homeStreet: body.homeStreet,
          availability: body.availability.map((a) => ({ day: a.day, from: a.from, to: a.to })),
        },
      }),
      {
        meta: { actor: principal.subject },
        alongside: async (trx) => {
          await this.vault.store(trx, volunteerId, { name: body.name, mobile: body.mobile }, body.smsConsent ? this.runner.now() : null);
          accessCode = await this.access.issueCode(trx, volunteerId);
        },
      },
    );
    return { volunteerId, accessCode, login: 'POST /volunteer-sessions { volunteerId, accessCode }' };
  }
}
