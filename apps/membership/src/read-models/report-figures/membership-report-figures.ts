import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import { NEW_FORM_OCCUPATIONS, type MembershipReportFigures } from '@ws/contracts';
import { DB, type ReportFiguresSource } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';

/**
 * Members joined in a period over a subtree, from the counts the members projection keeps
 * (member_counts: every status, so one who joined and left since still joined then).
 */
export async function membershipReportFigures(
  db: Kysely<MembershipDatabase>,
  node: string,
  from: string,
  to: string,
  options: { byChild?: boolean } = {},
): Promise<MembershipReportFigures> {
  // Grouped by the direct child of the node (the node's own unions under its own code), summed for the whole.
  const { rows } = await sql<{ child: string; joined: number; newForm: number }>`
    select left(node_code, ${node.length + 2}) as child,
           coalesce(sum(members), 0)::int as joined,
           coalesce(sum(members) filter (where occupation = any(${[...NEW_FORM_OCCUPATIONS]}::text[])), 0)::int as "newForm"
    from member_counts
    where node_code like ${`${node}%`}
      and joined_month between date_trunc('month', ${from}::date)::date and ${to}::date
    group by 1
    order by 1`.execute(db);
  const membersJoined = rows.reduce((sum, r) => sum + r.joined, 0);
  const newFormJoined = rows.reduce((sum, r) => sum + r.newForm, 0);
  return {
    membersJoined,
    newFormJoined,
    ...(options.byChild ? { byChild: rows.map((r) => ({ node: r.child, membersJoined: r.joined, newFormJoined: r.newForm })) } : {}),
  };
}

@Injectable()
export class MembershipReportFiguresSource implements ReportFiguresSource<'membership'> {
  readonly service = 'membership' as const;

  constructor(@Inject(DB) private readonly db: Kysely<MembershipDatabase>) {}

  figures(node: string, from: string, to: string, options?: { byChild?: boolean }): Promise<MembershipReportFigures> {
    return membershipReportFigures(this.db, node, from, to, options);
  }
}
