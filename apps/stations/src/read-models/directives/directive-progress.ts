import { programmeGoalOf, type DirectiveGoal, type ProgrammeGoal } from '@ws/contracts';
import { assertNever } from '@ws/kernel';

/** What the issuer's read models say about one part of the subtree: its stations and what they did. */
export interface StationFigures {
  /** Open (not closed) stations. */
  total: number;
  /** Open stations meeting the directive's standard (all open ones when it names none). */
  compliant: number;
  /** Stations that completed an upgrade (to the directive's standard, if it names one) since it was issued. */
  upgraded: number;
  /** Open stations reviewed for the campaign's year. */
  reviewed: number;
  /** Activities held from the goal's `since` (else the issue day) to the deadline, and the people they reached. */
  activities: number;
  participants: number;
  /** People served (人次) by the goal's programme kind (health checks, 爱心托班 …) in that time, and how many were new-form workers. */
  programmePeople: number;
  programmeNewForm: number;
  /** Members who joined in that time (the issuer's membership service counts them, by join month). */
  membersJoined: number;
  /** Workers of the issuer's worker-density map placed here, and those with a station open within the 15-minute circle (GET /coverage/children's figures). */
  workers: number;
  coveredWorkers: number;
}

export const NO_STATIONS: StationFigures = {
  total: 0, compliant: 0, upgraded: 0, reviewed: 0, activities: 0, participants: 0, programmePeople: 0, programmeNewForm: 0, membersJoined: 0, workers: 0, coveredWorkers: 0,
};

export function addFigures(a: StationFigures, b: StationFigures): StationFigures {
  const sum = { ...NO_STATIONS };
  for (const key of Object.keys(sum) as Array<keyof StationFigures>) sum[key] = a[key] + b[key];
  return sum;
}

/** The 20 % rule of a programme target (health checks): the share of new-form workers among those served, and whether it holds. */
export interface ShareRule {
  minNewFormSharePercent: number;
  newFormPeople: number;
  /** newFormPeople ÷ people served, in whole percent rounded down (0 while nobody was served). */
  newFormSharePercent: number;
  met: boolean;
}

/** A coverage target's figures: the workers on the map and those within reach of an open station. */
export interface Coverage {
  workers: number;
  coveredWorkers: number;
}

export interface Measure {
  target: number;
  current: number;
  /** current ÷ target, 0..1 (0 while there is nothing to measure); for a programme target also held back by its share rule. */
  progress: number;
  rule?: ShareRule;
  coverage?: Coverage;
}

/**
 * A directive's figure against its goal; progress is always current ÷ target, capped at 1.
 * - adopt_standard: open stations meeting the standard, of all open stations;
 * - station_target: without a standard, open stations against the number asked for; with one,
 *   compliant stations against that number or, once there are more stations, against all of them
 *   ("≥ 1260, all 八有": 1300 stations of which 1270 comply is not yet met);
 * - upgrade_target: stations upgraded since the directive, against the number asked for;
 * - review_campaign: open stations reviewed for the year, of all open stations;
 * - activity_target / reach_target: activities held, people they reached, against the number asked for;
 * - programme_target (and health_check_target, a programme target of health checks): people served by
 *   the programme's kind against the number asked for and, under a share rule, new-form workers against
 *   that share of max(target, served) — 1 000 checks asked at 20 % need 200 new-form workers, and 1 500
 *   checks need 300: the lesser of the two ratios is the progress;
 * - members_target: members who joined against the number asked for;
 * - coverage_target: the share of the workers with a station in reach (whole percent, rounded down)
 *   against the share asked for; progress is the exact share ÷ the share asked for.
 */
export function measure(goal: DirectiveGoal, figures: StationFigures): Measure {
  switch (goal.kind) {
    case 'adopt_standard':
      return ratio(figures.compliant, figures.total);
    case 'station_target':
      return goal.standard === null ? ratio(figures.total, goal.stations) : ratio(figures.compliant, Math.max(goal.stations, figures.total));
    case 'upgrade_target':
      return ratio(figures.upgraded, goal.stations);
    case 'review_campaign':
      return ratio(figures.reviewed, figures.total);
    case 'activity_target':
      return ratio(figures.activities, goal.activities);
    case 'reach_target':
      return ratio(figures.participants, goal.people);
    case 'health_check_target':
    case 'programme_target':
      return programmeMeasure(programmeGoalOf(goal)!, figures);
    case 'members_target':
      return ratio(figures.membersJoined, goal.members);
    case 'coverage_target':
      return coverageMeasure(goal.sharePercent, figures);
    default:
      return assertNever(goal, 'directive goal');
  }
}

/** Covered workers as a whole percent rounded down, so that it reaches the target exactly when the share does. */
function coverageMeasure(sharePercent: number, figures: StationFigures): Measure {
  const { workers, coveredWorkers } = figures;
  const progress = workers === 0 ? 0 : Math.min(1, (coveredWorkers * 100) / (sharePercent * workers));
  return {
    target: sharePercent,
    current: workers === 0 ? 0 : Math.floor((coveredWorkers * 100) / workers),
    progress: Math.round(progress * 10_000) / 10_000,
    coverage: { workers, coveredWorkers },
  };
}

function programmeMeasure(goal: ProgrammeGoal, figures: StationFigures): Measure {
  const people = ratio(figures.programmePeople, goal.people);
  const needed = Math.ceil((Math.max(goal.people, figures.programmePeople) * goal.minNewFormSharePercent) / 100);
  const share = needed === 0 ? people : ratio(figures.programmeNewForm, needed);
  return { ...people, progress: Math.min(people.progress, share.progress), rule: shareRule(goal.minNewFormSharePercent, figures) };
}

function shareRule(minNewFormSharePercent: number, figures: StationFigures): ShareRule {
  const { programmePeople, programmeNewForm } = figures;
  return {
    minNewFormSharePercent,
    newFormPeople: programmeNewForm,
    newFormSharePercent: programmePeople === 0 ? 0 : Math.floor((programmeNewForm * 100) / programmePeople),
    met: programmeNewForm * 100 >= minNewFormSharePercent * programmePeople,
  };
}

/**
 * One child's part. A child has a target of its own where the goal is "all of its stations"
 * (adopt_standard, review_campaign) or a share each part must reach (coverage_target); a count set for the whole subtree (station_target,
 * upgrade_target, activity, reach, programme and members targets) is not split among children — nothing in the directive says how — so a child
 * shows what it contributes and no target.
 */
export function childMeasure(goal: DirectiveGoal, figures: StationFigures): { current: number; target?: number; rule?: ShareRule; coverage?: Coverage } {
  switch (goal.kind) {
    case 'adopt_standard':
      return { current: figures.compliant, target: figures.total };
    case 'station_target':
      return { current: goal.standard === null ? figures.total : figures.compliant };
    case 'upgrade_target':
      return { current: figures.upgraded };
    case 'review_campaign':
      return { current: figures.reviewed, target: figures.total };
    case 'activity_target':
      return { current: figures.activities };
    case 'reach_target':
      return { current: figures.participants };
    case 'health_check_target':
    case 'programme_target':
      return { current: figures.programmePeople, rule: shareRule(goal.minNewFormSharePercent, figures) };
    case 'members_target':
      return { current: figures.membersJoined };
    case 'coverage_target': {
      const { target, current, coverage } = coverageMeasure(goal.sharePercent, figures);
      return { current, target, coverage };
    }
    default:
      return assertNever(goal, 'directive goal');
  }
}

/**
 * The periods to ask membership for a members target counted from `from` to `to` (YYYY-MM-DD): whole
 * join months (membership counts by month), at most twelve months each so that none is longer than
 * a report's period, none overlapping. Empty when `from` is after `to`.
 */
export function joinMonthPeriods(from: string, to: string): Array<{ from: string; to: string }> {
  const periods: Array<{ from: string; to: string }> = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  let start = from;
  while (start <= to) {
    // The last day of the twelfth month from the start's month, or `to` if sooner.
    const end = new Date(Date.UTC(year, month - 1 + 12, 0)).toISOString().slice(0, 10);
    periods.push({ from: start, to: end < to ? end : to });
    year += 1;
    start = `${year}-${String(month).padStart(2, '0')}-01`;
  }
  return periods;
}

export type DirectiveStatus = 'open' | 'met' | 'overdue' | 'withdrawn';

/** Withdrawn stays withdrawn; met once progress reaches 1; overdue after the deadline's day (Asia/Shanghai); open otherwise. */
export function statusOf(withdrawn: boolean, progress: number, deadline: string, today: string): DirectiveStatus {
  if (withdrawn) return 'withdrawn';
  if (progress >= 1) return 'met';
  return today > deadline ? 'overdue' : 'open';
}

function ratio(current: number, target: number): Measure {
  const progress = target <= 0 ? 0 : Math.min(1, current / target);
  return { target, current, progress: Math.round(progress * 10_000) / 10_000 };
}
