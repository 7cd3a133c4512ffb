import { REVIEW_CRITERIA, type ReviewCriterion, type StarRating } from '@ws/contracts';

/**
 * Yearly star rating (星级评定). Each criterion is scored 0–100 (whole points); the total is a
 * weighted mean. Facilities and services weigh most because the seeds grade stations on what they
 * offer (南湖 "每年评定星级惠工小站 … 学典型、找差距、补短板"); management, usage and workers'
 * satisfaction make up the rest. Weights are percentages and sum to 100.
 */
export const REVIEW_WEIGHTS: Readonly<Record<ReviewCriterion, number>> = {
  facilities: 25,
  services: 25,
  management: 20,
  usage: 15,
  satisfaction: 15,
};

/**
 * Minimum weighted score for each star count, highest first: 90 → 5, 80 → 4, 70 → 3, 60 → 2,
 * anything lower → 1. A reviewed station has at least one star; the stars of a later year replace
 * the earlier ones, so they can drop.
 */
export const STAR_THRESHOLDS: ReadonlyArray<readonly [minScore: number, stars: StarRating]> = [
  [90, 5],
  [80, 4],
  [70, 3],
  [60, 2],
  [0, 1],
];

export const MIN_CRITERION_SCORE = 0;
export const MAX_CRITERION_SCORE = 100;

export type ReviewScores = Record<ReviewCriterion, number>;

/** The criteria scored from what the station's year measured (usageScore, satisfactionScore), never typed. */
export const MEASURED_CRITERIA = ['usage', 'satisfaction'] as const satisfies readonly ReviewCriterion[];
type TypedCriterion = Exclude<ReviewCriterion, (typeof MEASURED_CRITERIA)[number]>;
/** The criteria a reviewer scores: facilities, services, management. */
export const TYPED_CRITERIA = REVIEW_CRITERIA.filter((criterion) => !(MEASURED_CRITERIA as readonly string[]).includes(criterion)) as TypedCriterion[];
export type TypedScores = Record<TypedCriterion, number>;

/** What a station's year measured: visits (人次, the check-ins and counts recorded) and activities held there. */
export interface MeasuredUsage {
  visits: number;
  activities: number;
}

/**
 * A year's use that earns the full usage score: 2 000 visits (嘉兴's 90 驿站 served 20万余人次 in about
 * a year, some 2 200 a station) and 4 activities (one a season, 四季主题活动). Provisional benchmarks,
 * in one place to be set by the union.
 */
export const USAGE_BENCHMARKS: Readonly<MeasuredUsage> = { visits: 2_000, activities: 4 };
/** Of the usage score, visits weigh 70 and activities 30. */
export const USAGE_VISITS_SHARE = 70;

/** The usage score (0–100, whole points) from what was measured: each part in proportion to its benchmark, capped. */
export function usageScore(measured: MeasuredUsage): number {
  const part = (value: number, benchmark: number) => Math.min(1, Math.max(0, value) / benchmark);
  return Math.round(USAGE_VISITS_SHARE * part(measured.visits, USAGE_BENCHMARKS.visits) + (100 - USAGE_VISITS_SHARE) * part(measured.activities, USAGE_BENCHMARKS.activities));
}

/**
 * What the workers said of the station's year: the ratings (1–5 stars) the authors of wishes posted
 * there gave when they confirmed them done (WishConfirmed), how many and their sum.
 */
export interface MeasuredSatisfaction {
  ratings: number;
  ratingTotal: number;
}

/** Everything the review measures of a station's year. */
export type MeasuredYear = MeasuredUsage & MeasuredSatisfaction;

/**
 * A year's few ratings should neither make nor break a station: its ratings are averaged together
 * with 5 neutral ones of 3 stars, so no rating scores 50, one 5-star rating 58, and a station
 * earns close to its own average only once it has many (50 ratings of 5: 95). Provisional, like
 * the usage benchmarks.
 */
export const SATISFACTION_PRIOR = { ratings: 5, rating: 3 } as const;

/** The satisfaction score (0–100, whole points): the smoothed average rating on a scale where 1 star is 0 and 5 stars 100. */
export function satisfactionScore(measured: MeasuredSatisfaction): number {
  const ratings = Math.max(0, measured.ratings) + SATISFACTION_PRIOR.ratings;
  const average = (Math.max(0, measured.ratingTotal) + SATISFACTION_PRIOR.ratings * SATISFACTION_PRIOR.rating) / ratings;
  return Math.round(((average - 1) / 4) * 100);
}

export function isValidCriterionScore(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= MIN_CRITERION_SCORE && (value as number) <= MAX_CRITERION_SCORE;
}

/** The weighted score (0–100, two decimals at most) and the stars it earns. Scores must be valid. */
export function rateReview(scores: ReviewScores): { score: number; stars: StarRating } {
  // Whole points times whole-percent weights stay integers: no rounding at a threshold.
  const weightedHundredths = REVIEW_CRITERIA.reduce((sum, criterion) => sum + scores[criterion] * REVIEW_WEIGHTS[criterion], 0);
  const stars = STAR_THRESHOLDS.find(([minScore]) => weightedHundredths >= minScore * 100)![1];
  return { score: weightedHundredths / 100, stars };
}
