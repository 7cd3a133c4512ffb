import { Inject, Injectable } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import type { JobsReportFigures } from '@ws/contracts';
import { DB, type ReportFiguresSource } from '@ws/platform';
import type { JobsDatabase } from '../db/database';

/** 零工之家's counts of a period over a subtree, from the figures sourced upward with the events (days are ISO text). */
export async function jobsReportFigures(db: Kysely<JobsDatabase>, node: string, from: string, to: string): Promise<JobsReportFigures> {
  const { rows } = await sql<JobsReportFigures>`
    select coalesce(sum(postings_published), 0)::int as "postingsPublished",
           coalesce(sum(seekers_registered), 0)::int as "seekersRegistered",
           coalesce(sum(hires), 0)::int as hires,
           coalesce(sum(fairs_held), 0)::int as "fairsHeld",
           coalesce(sum(fair_attendance), 0)::int as "fairAttendance"
    from jobs_figures
    where district_code like ${`${node}%`} and day between ${from} and ${to}`.execute(db);
  return rows[0]!;
}

@Injectable()
export class JobsReportFiguresSource implements ReportFiguresSource<'jobs'> {
  readonly service = 'jobs' as const;

  constructor(@Inject(DB) private readonly db: Kysely<JobsDatabase>) {}

  figures(node: string, from: string, to: string): Promise<JobsReportFigures> {
    return jobsReportFigures(this.db, node, from, to);
  }
}
