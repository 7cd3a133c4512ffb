import { Inject, Injectable } from '@nestjs/common';
import { newId } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { VerificationCodes } from '@ws/verification';
import { JobsAccess } from '../../access/jobs-access';
import { seekerAggregate } from '../../aggregates';
import { roundToBlock } from '../../shared/checks';
import { assertStreetInNode } from '../../shared/scope';
import { JobsVault } from '../../vault/jobs-vault';
import { seekerPreferences } from '../seeker-preferences';
import type { RegisterSeekerDto } from './register-seeker.dto';

/** A seeker registers with their real name (实名认证): identity sealed in the vault with the event, the home point rounded beside it, the code used up with them. */
@Injectable()
export class RegisterSeekerHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    private readonly access: JobsAccess,
    private readonly codes: VerificationCodes,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async register(body: RegisterSeekerDto) {
    assertStreetInNode(body.preferences.homeStreetCode, this.platform.node.code, 'preferences.homeStreetCode');
    const verified = await this.codes.check(body.mobile, 'jobs_register', body.code);
    const seekerId = newId();
    const profileRef = newId();
    const home = { lng: body.home.lng, lat: body.home.lat };
    await this.runner.run(
      seekerAggregate,
      seekerId,
      { type: 'RegisterSeeker', seekerId, identity: { name: body.name, idNumber: body.idNumber, mobile: body.mobile }, mobileVerified: true, home, profileRef, preferences: seekerPreferences(body.preferences) },
      {
        meta: { actor: `seeker:${seekerId}` },
        alongside: async (trx) => {
          await verified.consume(trx);
          await this.vault.store(trx, {
            ref: profileRef,
            ownerKind: 'seeker',
            ownerId: seekerId,
            mobile: body.mobile,
            data: { name: body.name.normalize('NFC').trim(), idNumber: body.idNumber.trim().toUpperCase(), mobile: body.mobile },
            home: roundToBlock(home),
          });
        },
      },
    );
    return { seekerId, ...(await this.access.sessionFor('seeker', seekerId)) };
  }
}
