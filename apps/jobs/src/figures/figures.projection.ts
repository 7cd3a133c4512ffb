import { Inject, Injectable } from '@nestjs/common';
import { RawBuilder, sql, Transaction } from 'kysely';
import { JOBS_CONTEXT, nodeCodeOfSubject, shanghaiToday, subtreeContextFilter } from '@ws/contracts';
import type { JobsContextEvent } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { ForgedEvent, Projection } from '@ws/projections';
import type { JobsDatabase } from '../db/database';

const METRICS = ['postings_published', 'seekers_registered', 'applications', 'hires', 'fairs_held', 'fair_attendance', 'fair_intentions'] as const;
type Metric = (typeof METRICS)[number];

/** Category of a seeker's count: one seeker, whatever kinds of work they want. */
export const ALL_CATEGORIES = 'all';

/**
 * What a jobs event adds to the counts, and the street it speaks for (null: it counts nothing).
 * A fair counts when held (under `all`, like its attendance); intentions under their posting's category.
 */
export function countedFact(event: JobsContextEvent): { metric: Metric; category: string; streetCode: string; amount?: number } | null {
  switch (event.type) {
    case 'FairHeld':
      return { metric: 'fairs_held', category: ALL_CATEGORIES, streetCode: event.data.streetCode };
    case 'FairAttendanceCounted':
      return { metric: 'fair_attendance', category: ALL_CATEGORIES, streetCode: event.data.streetCode, amount: event.data.count };
    case 'FairIntentionsRecorded':
      return { metric: 'fair_intentions', category: event.data.category, streetCode: event.data.streetCode, amount: event.data.count };
    case 'PostingOpened':
      return { metric: 'postings_published', category: event.data.category, streetCode: event.data.streetCode };
    case 'SeekerRegistered':
      return { metric: 'seekers_registered', category: ALL_CATEGORIES, streetCode: event.data.homeStreetCode };
    case 'JobApplicationSubmitted':
      return { metric: 'applications', category: event.data.category, streetCode: event.data.streetCode };
    case 'JobApplicantHired':
      return { metric: 'hires', category: event.data.category, streetCode: event.data.streetCode };
    default:
      return null;
  }
}

/**
 * 零工之家 counts upward: postings published, seekers registered, applications and hires by
 * district, category and day, from the subtree's jobs events (a district's EVT is sourced by its
 * city's, the city's by the province's), with no id of anyone. A fact counts only from its
 * origin: its street must lie in the node that published it, so a district cannot count for
 * another (such an event is parked as forged).
 */
@ReadModel()
@Injectable()
export class JobsFiguresProjection implements Projection<JobsDatabase> {
  readonly name = 'jobs.figures';
  readonly tables = ['jobs_figures'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, JOBS_CONTEXT);
  }

  async apply(trx: Transaction<JobsDatabase>, events: readonly ConsumedEvent[]): Promise<ForgedEvent[]> {
    const forged: ForgedEvent[] = [];
    const sums = new Map<string, { district: string; category: string; day: string } & Record<Metric, number>>();
    for (const { seq, subject, envelope } of events) {
      const fact = countedFact(envelope as unknown as JobsContextEvent);
      if (!fact) continue;
      const origin = nodeCodeOfSubject(subject);
      if (!fact.streetCode.startsWith(origin)) {
        forged.push({ seq, detail: `${envelope.type}: street ${fact.streetCode} is not in ${origin}, which published it` });
        continue;
      }
      const district = fact.streetCode.slice(0, 6);
      const day = shanghaiToday(new Date(envelope.occurredAt));
      const key = `${district}|${fact.category}|${day}`;
      const row = sums.get(key) ?? { district, category: fact.category, day, ...(Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>) };
      row[fact.metric] += fact.amount ?? 1;
      sums.set(key, row);
    }
    if (sums.size > 0) {
      await trx
        .insertInto('jobs_figures')
        .values([...sums.values()].map(({ district, ...rest }) => ({ district_code: district, ...rest })))
        .onConflict((oc) =>
          oc.columns(['district_code', 'category', 'day']).doUpdateSet(Object.fromEntries(METRICS.map((m) => [m, sql<number>`jobs_figures.${sql.ref(m)} + excluded.${sql.ref(m)}`])) as Record<Metric, RawBuilder<number>>),
        )
        .execute();
    }
    return forged;
  }
}
