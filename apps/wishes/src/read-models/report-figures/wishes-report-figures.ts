import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import type { WishesReportFigures } from '@ws/contracts';
import { DB, type ReportFiguresSource } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';

/**
 * Wishes received (posted) and fulfilled (completed, from the timeline: a wish reopened and
 * completed again is one) in a period, over the streets of a subtree; Beijing days.
 */
export async function wishesReportFigures(db: Kysely<WishesDatabase>, node: string, from: string, to: string): Promise<WishesReportFigures> {
  const inPeriod = (column: string) => sql`(${sql.ref(column)} at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date`;
  const { rows } = await sql<{ received: number; fulfilled: number }>`
    select
      (select count(*) from wish_board w where w.kind = 'wish' and w.street_code like ${`${node}%`} and ${inPeriod('w.posted_at')})::int as received,
      (select count(distinct t.wish_id) from wish_timeline t join wish_board w on w.wish_id = t.wish_id
        where w.kind = 'wish' and w.street_code like ${`${node}%`} and t.status = 'completed' and ${inPeriod('t.at')})::int as fulfilled`.execute(db);
  return { wishesReceived: rows[0]!.received, wishesFulfilled: rows[0]!.fulfilled };
}

@Injectable()
export class WishesReportFiguresSource implements ReportFiguresSource<'wishes'> {
  readonly service = 'wishes' as const;

  constructor(@Inject(DB) private readonly db: Kysely<WishesDatabase>) {}

  figures(node: string, from: string, to: string): Promise<WishesReportFigures> {
    return wishesReportFigures(this.db, node, from, to);
  }
}
