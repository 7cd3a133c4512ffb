import { Inject, Injectable } from '@nestjs/common';
import { newId } from '@ws/kernel';
import { PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { AccountRegistration } from '../../accounts/account-registration';
import { employerAggregate } from '../../aggregates';
import { assertStreetInNode } from '../../shared/scope';
import type { RegisterEmployerDto } from './register-employer.dto';

/** An employer registers by mobile code: the name, credit code and mobile sealed in the vault with the event. */
@Injectable()
export class RegisterEmployerHandler {
  constructor(
    private readonly registration: AccountRegistration,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async register(body: RegisterEmployerDto) {
    assertStreetInNode(body.streetCode, this.platform.node.code);
    const employerId = newId();
    const profileRef = newId();
    const creditCode = body.kind === 'company' ? (body.creditCode ?? '') : (body.creditCode ?? null);
    const session = await this.registration.open(
      { kind: 'employer', id: employerId, mobile: body.mobile, code: body.code },
      employerAggregate,
      { type: 'RegisterEmployer', registration: { employerId, kind: body.kind, name: body.name, creditCode, mobileVerified: true, streetCode: body.streetCode, profileRef } },
      { ref: profileRef, data: { name: body.name.trim(), creditCode: creditCode?.replace(/\s/g, '').toUpperCase() ?? null, mobile: body.mobile }, home: null },
    );
    return { employerId, status: 'registered', ...session };
  }
}
