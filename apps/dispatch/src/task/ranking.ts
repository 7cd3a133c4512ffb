import type { AvailabilitySlot, DispatchScope, SkillClaim, VolunteerSkill } from '@ws/contracts';
import { isAvailableAt, isAvailableWithin } from '../volunteer/availability';

/** What the dispatcher knows about a volunteer when choosing whom to invite (from the volunteer board). */
export interface CandidateProfile {
  volunteerId: string;
  homeStreet: string;
  skills: readonly SkillClaim[];
  availability: readonly AvailabilitySlot[];
  /** Hours served in the recent window (shifts and tasks): who has given least is asked first. */
  recentHours: number;
  /** Tasks accepted and not yet completed. */
  openAssignments: number;
  /** Last time the volunteer declined any invitation. */
  lastDeclinedAt: string | null;
}

export interface TaskNeed {
  streetCode: string;
  requiredSkill: VolunteerSkill;
  scheduledAt: string | null;
  deadline: string;
}

export interface RankingOptions {
  scope: DispatchScope;
  now: Date;
  /** Volunteers already asked for this task in this round (they declined, timed out or hold it). */
  exclude: ReadonlySet<string>;
  /** A decline within this window (on any task) moves the volunteer behind those who did not. */
  declineCooldownMs: number;
}

export interface RankedCandidate {
  volunteerId: string;
  available: boolean;
  /** 0 = lives in the task's street, 1 = elsewhere in the district. */
  distance: number;
  certified: boolean;
  declinedRecently: boolean;
  recentHours: number;
  openAssignments: number;
}

/** Without a fixed time, a volunteer who can fit the task in within a week of now counts as available. */
const OPEN_ENDED_WINDOW_MS = 7 * 24 * 3600_000;

/** Skills that can do the work of another: electricians and plumbers take repairs. */
const ALSO_QUALIFIED: Partial<Record<VolunteerSkill, readonly VolunteerSkill[]>> = {
  repair: ['electrician', 'plumber'],
};

/** The skills that qualify for a required skill; empty for `general` (anyone qualifies). */
export function qualifyingSkills(required: VolunteerSkill): VolunteerSkill[] {
  return required === 'general' ? [] : [required, ...(ALSO_QUALIFIED[required] ?? [])];
}

export function hasSkill(profile: Pick<CandidateProfile, 'skills'>, required: VolunteerSkill): boolean {
  const qualifying = qualifyingSkills(required);
  return qualifying.length === 0 || profile.skills.some((claim) => qualifying.includes(claim.skill));
}

function isAvailableFor(profile: CandidateProfile, need: TaskNeed, now: Date): boolean {
  if (need.scheduledAt) return isAvailableAt(profile.availability, new Date(need.scheduledAt));
  const deadline = new Date(need.deadline);
  const until = deadline.getTime() > now.getTime() ? deadline : new Date(now.getTime() + OPEN_ENDED_WINDOW_MS);
  return isAvailableWithin(profile.availability, now, until);
}

/**
 * Who to invite, best first. Hard rules: the skill, the scope (the task's street, or the whole
 * district after escalation), nobody already asked in this round. Then, in order: available at
 * the time, living in the task's street, certified for the skill, not having just declined,
 * fewest recent hours, fewest open tasks; the id breaks ties so the order is reproducible.
 */
export function rankCandidates(need: TaskNeed, profiles: readonly CandidateProfile[], options: RankingOptions): RankedCandidate[] {
  const ranked = profiles
    .filter((p) => !options.exclude.has(p.volunteerId))
    .filter((p) => hasSkill(p, need.requiredSkill))
    .filter((p) => options.scope === 'district' || p.homeStreet === need.streetCode)
    .map(
      (p): RankedCandidate => ({
        volunteerId: p.volunteerId,
        available: isAvailableFor(p, need, options.now),
        distance: p.homeStreet === need.streetCode ? 0 : 1,
        certified: p.skills.some((c) => qualifyingSkills(need.requiredSkill).includes(c.skill) && c.certificateRef !== null),
        declinedRecently: p.lastDeclinedAt !== null && options.now.getTime() - Date.parse(p.lastDeclinedAt) < options.declineCooldownMs,
        recentHours: p.recentHours,
        openAssignments: p.openAssignments,
      }),
    );
  return ranked.sort(compareCandidates);
}

function compareCandidates(a: RankedCandidate, b: RankedCandidate): number {
  return (
    Number(b.available) - Number(a.available) ||
    a.distance - b.distance ||
    Number(b.certified) - Number(a.certified) ||
    Number(a.declinedRecently) - Number(b.declinedRecently) ||
    a.recentHours - b.recentHours ||
    a.openAssignments - b.openAssignments ||
    (a.volunteerId < b.volunteerId ? -1 : a.volunteerId > b.volunteerId ? 1 : 0)
  );
}
