import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import { NEW_FORM_OCCUPATIONS, type MembershipReportFigures } from '@ws/contracts';
import { DB, type ReportFiguresSource } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';

/**
 * Members joined in a period over a subtree, from the counts the members projection keeps
 * (member_counts: every status, so one who joined and left since still joined then).
 */
export async function membershipReportFigures(db: Kysely<MembershipDatabase>, node: string, from: string, to: string): Promise<MembershipReportFigures> {
  const { rows } = await sql<{ joined: number; newForm: number }>`
    select coalesce(sum(members), 0)::int as joined,
           coalesce(sum(members) filter (where occupation = any(${[...NEW_FORM_OCCUPATIONS]}::text[])), 0)::int as "newForm"
    from member_counts
    where node_code like ${`${node}%`}
      and joined_month between date_trunc('month', ${from}::date)::date and ${to}::date`.execute(db);
  return { membersJoined: rows[0]!.joined, newFormJoined: rows[0]!.newForm };
}

@Injectable()
export class MembershipReportFiguresSource implements ReportFiguresSource<'membership'> {
  readonly service = 'membership' as const;

  constructor(@Inject(DB) private readonly db: Kysely<MembershipDatabase>) {}

  figures(node: string, from: string, to: string): Promise<MembershipReportFigures> {
    return membershipReportFigures(this.db, node, from, to);
  }
}
