import { Kysely, sql } from 'kysely';
import { shanghaiToday, TRAVEL_RADIUS_KM } from '@ws/contracts';
import type { AvailabilitySlot, PostingDetails } from '@ws/contracts';
import type { JobsDatabase } from '../db/database';
import { slotsOverlap } from '../shared/checks';
import { cellsAround } from '../search/grid';

/** A posting is pushed to at most this many seekers per place of its headcount, and never more than the ceiling. */
export const PUSHES_PER_PLACE = 10;
export const PUSHES_PER_POSTING_MAX = 50;

export interface SeekerCandidate {
  seeker_id: string;
  skills: string[];
  availability: AvailabilitySlot[];
  daily_cap: number;
  km: number;
}

export interface Match {
  seekerId: string;
  distanceKm: number;
}

export type MatchedPosting = Pick<PostingDetails, 'category' | 'payMode' | 'location' | 'schedule' | 'skills' | 'headcount'>;

/**
 * 精准推送: the seekers a new posting suits — its category among theirs, its pay mode among
 * theirs (or they named none), its place within how far they travel from home, its hours
 * within when they can work (either side naming no hours fits any) — best first: more of the
 * posting's skills, then nearer. Those who turned pushes off are not candidates; those who have
 * had their daily cap of pushes today (Asia/Shanghai) are passed over.
 */
export async function matchSeekers(db: Kysely<JobsDatabase>, posting: MatchedPosting, at: Date): Promise<Match[]> {
  const { location } = posting;
  const cells = cellsAround(location, TRAVEL_RADIUS_KM.max);
  const { rows } = await sql<SeekerCandidate>`
    select seeker_id, skills, availability, daily_cap, km from (
      select s.seeker_id, s.skills, s.availability, s.daily_cap, s.travel_radius_km,
        2 * 6371 * asin(least(1, sqrt(
          power(sin(radians(s.lat - ${location.lat}) / 2), 2)
          + cos(radians(${location.lat}::float8)) * cos(radians(s.lat)) * power(sin(radians(s.lng - ${location.lng}) / 2), 2)))) as km
      from seeker_match s
      where s.cell = any(${sql.val(cells)}::int[]) and s.pushes
        and ${posting.category} = any(s.categories)
        and (cardinality(s.pay_modes) = 0 or ${posting.payMode} = any(s.pay_modes))
    ) c
    where c.km <= c.travel_radius_km`.execute(db);
  const ranked = rankCandidates(rows, posting);
  const wanted = Math.min(PUSHES_PER_POSTING_MAX, posting.headcount * PUSHES_PER_PLACE);
  const day = shanghaiToday(at);
  const chosen: Match[] = [];
  // Caps are looked up for the best candidates first, a batch at a time, until enough are found.
  for (let from = 0; from < ranked.length && chosen.length < wanted; from += wanted * 2) {
    const batch = ranked.slice(from, from + wanted * 2);
    const counts = await db
      .selectFrom('job_pushes')
      .select(['seeker_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('pushed_on', '=', day)
      .where('seeker_id', 'in', batch.map((c) => c.seeker_id))
      .groupBy('seeker_id')
      .execute();
    const today = new Map(counts.map((c) => [c.seeker_id, Number(c.n)]));
    for (const candidate of batch) {
      if ((today.get(candidate.seeker_id) ?? 0) >= candidate.daily_cap) continue;
      chosen.push({ seekerId: candidate.seeker_id, distanceKm: Math.round(candidate.km * 10) / 10 });
      if (chosen.length >= wanted) break;
    }
  }
  return chosen;
}

/** Those whose hours fit, best first: more of the posting's skills, then nearer, then by id (stable). */
export function rankCandidates(candidates: readonly SeekerCandidate[], posting: Pick<MatchedPosting, 'schedule' | 'skills'>): SeekerCandidate[] {
  const hours = posting.schedule.slots;
  const fitting = candidates.filter((c) => hours.length === 0 || c.availability.length === 0 || slotsOverlap(hours, c.availability));
  const skills = new Set<string>(posting.skills);
  const shared = (c: SeekerCandidate) => c.skills.reduce((n, s) => n + (skills.has(s) ? 1 : 0), 0);
  return fitting
    .map((c) => ({ c, shared: shared(c) }))
    .sort((a, b) => b.shared - a.shared || a.c.km - b.c.km || (a.c.seeker_id < b.c.seeker_id ? -1 : 1))
    .map(({ c }) => c);
}
