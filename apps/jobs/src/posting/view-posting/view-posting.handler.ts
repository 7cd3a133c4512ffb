import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { DB } from '@ws/platform';
import type { JobsDatabase } from '../../db/database';
import { jobsError } from '../../errors';
import { postingView } from '../posting-view';

/** An open (or filled) posting for anyone, with what hired seekers said of its employer. */
@Injectable()
export class ViewPostingHandler {
  constructor(@Inject(DB) private readonly db: Kysely<JobsDatabase>) {}

  async show(postingId: string) {
    const row = await this.db.selectFrom('posting_board').selectAll().where('posting_id', '=', postingId).where('status', 'in', ['open', 'filled']).executeTakeFirst();
    if (!row) throw jobsError('posting_not_found', '没有这条招工信息');
    return { ...postingView(row), employerRating: await this.employerRating(row.employer_id) };
  }

  /** What hired seekers said of the employer after the work: how many rated and the average stars (no comment, nobody named). */
  private async employerRating(employerId: string): Promise<{ count: number; average: number | null }> {
    const row = await this.db
      .selectFrom('application_board')
      .select((eb) => [eb.fn.count<string>('seeker_rating').as('count'), eb.fn.avg<string>('seeker_rating').as('average')])
      .where('employer_id', '=', employerId)
      .where('seeker_rating', 'is not', null)
      .executeTakeFirst();
    const count = Number(row?.count ?? 0);
    return { count, average: count > 0 ? Math.round(Number(row!.average) * 10) / 10 : null };
  }
}
