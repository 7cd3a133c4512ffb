import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import type { PostingStatus } from '@ws/contracts';
import { CommandRunner, DB } from '@ws/platform';
import { ErasureCodes } from '../../accounts/erasure-codes';
import { employerAggregate, postingAggregate } from '../../aggregates';
import type { JobsDatabase } from '../../db/database';
import type { ErasureCodeDto } from '../../shared/dto';
import { JobsVault } from '../../vault/jobs-vault';

/** Postings that have not ended: a householder's are withdrawn with them (their address goes too). */
const LIVE_POSTING_STATUSES: PostingStatus[] = ['draft', 'in_review', 'open'];

/**
 * 注销联系人信息, the employer's own, confirmed by a code to the contact's mobile. A company is not
 * a person: its name, credit code, postings and their work places stay, sealed again under a new
 * key without the mobile. A householder (个人雇主) is a person: their live postings are withdrawn
 * and their key deleted with everything under it. Either way EmployerContactErased carries ids
 * only, the mobile HMAC is gone (the token is refused from then on, the mobile may register anew).
 */
@Injectable()
export class EraseEmployerContactHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    private readonly codes: ErasureCodes,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
  ) {}

  sendCode(employerId: string) {
    return this.codes.send('employer', employerId);
  }

  async erase(employerId: string, body: ErasureCodeDto) {
    const verified = await this.codes.check('employer', employerId, body.code);
    const actor = `employer:${employerId}`;
    const { state } = await this.runner.load(employerAggregate, employerId);
    let withdrawn = 0;
    if (state.kind === 'person') {
      const live = await this.db.selectFrom('posting_board').select('posting_id').where('employer_id', '=', employerId).where('status', 'in', LIVE_POSTING_STATUSES).execute();
      // Each withdrawal is its own stream's append: a retry after a failure here withdraws nothing twice.
      for (const { posting_id } of live) await this.runner.run(postingAggregate, posting_id, { type: 'WithdrawPosting' }, { meta: { actor } });
      withdrawn = live.length;
    }
    await this.runner.run(employerAggregate, employerId, { type: 'EraseEmployerContact' }, {
      meta: { actor },
      alongside: async (trx) => {
        await verified.consume(trx);
        if (state.kind === 'person') await this.vault.erase(trx, employerId);
        else await this.vault.eraseMobile(trx, employerId);
      },
    });
    return { employerId, erased: true, withdrawnPostings: withdrawn };
  }
}
