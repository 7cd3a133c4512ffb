import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import type { DispatchReportFigures } from '@ws/contracts';
import { DB, type ReportFiguresSource } from '@ws/platform';
import type { DispatchDatabase } from '../../db/database';

/** Volunteer hours served in a period (shifts and tasks, one row per fact) over the streets of a subtree; Beijing days. */
export async function dispatchReportFigures(db: Kysely<DispatchDatabase>, node: string, from: string, to: string): Promise<DispatchReportFigures> {
  const { rows } = await sql<{ hours: number; volunteers: number }>`
    select coalesce(round(sum(hours)::numeric, 2), 0)::float8 as hours, count(distinct volunteer_id)::int as volunteers
    from service_hours
    where street_code like ${`${node}%`}
      and (served_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date`.execute(db);
  return { volunteerHours: rows[0]!.hours, volunteers: rows[0]!.volunteers };
}

@Injectable()
export class DispatchReportFiguresSource implements ReportFiguresSource<'dispatch'> {
  readonly service = 'dispatch' as const;

  constructor(@Inject(DB) private readonly db: Kysely<DispatchDatabase>) {}

  figures(node: string, from: string, to: string): Promise<DispatchReportFigures> {
    return dispatchReportFigures(this.db, node, from, to);
  }
}
