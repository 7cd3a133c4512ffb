import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { CommandRunner, DB } from '@ws/platform';
import { ErasureCodes } from '../../accounts/erasure-codes';
import { seekerAggregate } from '../../aggregates';
import { runApplicationCommand } from '../../application/run-application-command';
import type { JobsDatabase } from '../../db/database';
import { JobsVault } from '../../vault/jobs-vault';
import type { ErasureCodeDto } from '../../shared/dto';

/** Applications still in play: the seeker withdraws them before going (a hired one is done and stays). */
const OPEN_APPLICATION_STATUSES = ['applied', 'invited', 'accepted'];

/**
 * 注销个人信息, the seeker's own: the code sent to the mobile in their vault row confirms it; their
 * open applications are declined by the seeker (the employer sees them withdrawn), then
 * SeekerErased (their id only) is recorded with the code used up and the key, sealed rows and
 * mobile HMAC deleted in its transaction. The key gone, their token is refused from then on,
 * matching drops them and employers see the applicant as 已注销.
 */
@Injectable()
export class EraseSeekerHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    private readonly codes: ErasureCodes,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
  ) {}

  sendCode(seekerId: string) {
    return this.codes.send('seeker', seekerId);
  }

  async erase(seekerId: string, body: ErasureCodeDto) {
    const verified = await this.codes.check('seeker', seekerId, body.code);
    const open = await this.db
      .selectFrom('application_board')
      .select('application_id')
      .where('seeker_id', '=', seekerId)
      .where('status', 'in', OPEN_APPLICATION_STATUSES)
      .execute();
    // Each decline is its own stream's append: a retry after a failure here declines nothing twice.
    for (const { application_id } of open) {
      await runApplicationCommand(this.runner, 'seeker', seekerId, application_id, () => ({ type: 'Decline', by: 'seeker', reason: null }));
    }
    await this.runner.run(seekerAggregate, seekerId, { type: 'EraseSeeker' }, {
      meta: { actor: `seeker:${seekerId}` },
      alongside: async (trx) => {
        await verified.consume(trx);
        await this.vault.erase(trx, seekerId);
      },
    });
    return { seekerId, erased: true, withdrawnApplications: open.length };
  }
}
