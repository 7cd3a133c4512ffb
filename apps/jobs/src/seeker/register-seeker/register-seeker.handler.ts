import { Inject, Injectable } from '@nestjs/common';
import { newId } from '@ws/kernel';
import { PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { AccountRegistration } from '../../accounts/account-registration';
import { seekerAggregate } from '../../aggregates';
import { roundToBlock } from '../../shared/checks';
import { assertStreetInNode } from '../../shared/scope';
import { seekerPreferences } from '../seeker-preferences';
import type { RegisterSeekerDto } from './register-seeker.dto';

/** A seeker registers with their real name (实名认证) by mobile code: identity sealed in the vault with the event, the home point rounded beside it. */
@Injectable()
export class RegisterSeekerHandler {
  constructor(
    private readonly registration: AccountRegistration,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async register(body: RegisterSeekerDto) {
    assertStreetInNode(body.preferences.homeStreetCode, this.platform.node.code, 'preferences.homeStreetCode');
    const seekerId = newId();
    const profileRef = newId();
    const home = { lng: body.home.lng, lat: body.home.lat };
    const session = await this.registration.open(
      { kind: 'seeker', id: seekerId, mobile: body.mobile, code: body.code },
      seekerAggregate,
      { type: 'RegisterSeeker', seekerId, identity: { name: body.name, idNumber: body.idNumber, mobile: body.mobile }, mobileVerified: true, home, profileRef, preferences: seekerPreferences(body.preferences) },
      { ref: profileRef, data: { name: body.name.normalize('NFC').trim(), idNumber: body.idNumber.trim().toUpperCase(), mobile: body.mobile }, home: roundToBlock(home) },
    );
    return { seekerId, ...session };
  }
}
