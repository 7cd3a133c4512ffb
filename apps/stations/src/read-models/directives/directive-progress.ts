import type { DirectiveGoal } from '@ws/contracts';
import { assertNever } from '@ws/kernel';

/** What the issuer's read models say about the stations of one part of the subtree. */
export interface StationFigures {
  /** Open (not closed) stations. */
  total: number;
  /** Open stations meeting the directive's standard (all open ones when it names none). */
  compliant: number;
  /** Stations that completed an upgrade (to the directive's standard, if it names one) since it was issued. */
  upgraded: number;
  /** Open stations reviewed for the campaign's year. */
  reviewed: number;
}

export const NO_STATIONS: StationFigures = { total: 0, compliant: 0, upgraded: 0, reviewed: 0 };

export function addFigures(a: StationFigures, b: StationFigures): StationFigures {
  return { total: a.total + b.total, compliant: a.compliant + b.compliant, upgraded: a.upgraded + b.upgraded, reviewed: a.reviewed + b.reviewed };
}

export interface Measure {
  target: number;
  current: number;
  /** current ÷ target, 0..1 (0 while there is nothing to measure). */
  progress: number;
}

/**
 * A directive's figure against its goal; progress is always current ÷ target, capped at 1.
 * - adopt_standard: open stations meeting the standard, of all open stations;
 * - station_target: without a standard, open stations against the number asked for; with one,
 *   compliant stations against that number or, once there are more stations, against all of them
 *   ("≥ 1260, all 八有": 1300 stations of which 1270 comply is not yet met);
 * - upgrade_target: stations upgraded since the directive, against the number asked for;
 * - review_campaign: open stations reviewed for the year, of all open stations.
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
    default:
      return assertNever(goal, 'directive goal');
  }
}

/**
 * One child's part. A child has a target of its own where the goal is "all of its stations"
 * (adopt_standard, review_campaign); a count set for the whole subtree (station_target,
 * upgrade_target) is not split among children — nothing in the directive says how — so a child
 * shows what it contributes and no target.
 */
export function childMeasure(goal: DirectiveGoal, figures: StationFigures): { current: number; target?: number } {
  switch (goal.kind) {
    case 'adopt_standard':
      return { current: figures.compliant, target: figures.total };
    case 'station_target':
      return { current: goal.standard === null ? figures.total : figures.compliant };
    case 'upgrade_target':
      return { current: figures.upgraded };
    case 'review_campaign':
      return { current: figures.reviewed, target: figures.total };
    default:
      return assertNever(goal, 'directive goal');
  }
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
