import { Inject, Injectable } from '@nestjs/common';
import { newId } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { VerificationCodes } from '@ws/verification';
import { JobsAccess } from '../../access/jobs-access';
import { employerAggregate } from '../../aggregates';
import { assertStreetInNode } from '../../shared/scope';
import { JobsVault } from '../../vault/jobs-vault';
import type { RegisterEmployerDto } from './register-employer.dto';

/** An employer registers by mobile code: the name, credit code and mobile sealed in the vault with the event, the code used up with them. */
@Injectable()
export class RegisterEmployerHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    private readonly access: JobsAccess,
    private readonly codes: VerificationCodes,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async register(body: RegisterEmployerDto) {
    assertStreetInNode(body.streetCode, this.platform.node.code);
    const verified = await this.codes.check(body.mobile, 'jobs_register', body.code);
    const employerId = newId();
    const profileRef = newId();
    const creditCode = body.kind === 'company' ? (body.creditCode ?? '') : (body.creditCode ?? null);
    await this.runner.run(
      employerAggregate,
      employerId,
      { type: 'RegisterEmployer', registration: { employerId, kind: body.kind, name: body.name, creditCode, mobileVerified: true, streetCode: body.streetCode, profileRef } },
      {
        meta: { actor: `employer:${employerId}` },
        alongside: async (trx) => {
          await verified.consume(trx);
          await this.vault.store(trx, {
            ref: profileRef,
            ownerKind: 'employer',
            ownerId: employerId,
            mobile: body.mobile,
            data: { name: body.name.trim(), creditCode: creditCode?.replace(/\s/g, '').toUpperCase() ?? null, mobile: body.mobile },
            home: null,
          });
        },
      },
    );
    return { employerId, status: 'registered', ...(await this.access.sessionFor('employer', employerId)) };
  }
}
