import { REVIEW_CRITERIA, shanghaiYear, type StationEvent } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { isValidCriterionScore, rateReview, type ReviewScores } from '../../catalogue/stars';
import { stationsError } from '../../errors';
import type { StationState } from '../station.state';

/** Records before this year predate the station programme; a typo, not history. */
export const EARLIEST_YEAR = 2000;

/**
 * The yearly review (星级评定). Reviews go forward in time: a year after the latest reviewed one
 * is a new review; the latest year itself may be reviewed again, which corrects (replaces) it;
 * an earlier year or a year not yet begun is refused.
 */
export interface ReviewStation {
  type: 'ReviewStation';
  stationId: string;
  year: number;
  scores: ReviewScores;
}

export function decideReviewStation(command: ReviewStation, state: StationState, context: DecideContext): StationEvent[] | DomainError {
  const latest = state.review?.year;
  if (!Number.isInteger(command.year) || command.year < EARLIEST_YEAR || command.year > shanghaiYear(context.now)) {
    return stationsError('review_year_invalid', `评定年度应在 ${EARLIEST_YEAR} 年至今年之间`, 'year');
  }
  if (latest !== undefined && command.year < latest) {
    return stationsError('review_year_invalid', `已评定 ${latest} 年度，不能再评更早的年度`, 'year', { latestYear: latest });
  }
  const scores: Partial<Record<string, unknown>> = command.scores ?? {};
  const badCriteria = REVIEW_CRITERIA.filter((criterion) => !isValidCriterionScore(scores[criterion]));
  const extra = Object.keys(scores).filter((key) => !(REVIEW_CRITERIA as readonly string[]).includes(key));
  if (badCriteria.length > 0 || extra.length > 0) {
    return stationsError('invalid_review_scores', '各项评分应为 0–100 的整数，且只含规定的评分项', 'scores', { invalid: [...badCriteria, ...extra] });
  }
  const normalised = Object.fromEntries(REVIEW_CRITERIA.map((criterion) => [criterion, scores[criterion]])) as ReviewScores;
  const { score, stars } = rateReview(normalised);
  return [
    {
      type: 'StationReviewed',
      data: {
        stationId: command.stationId,
        year: command.year,
        scores: normalised,
        score,
        stars,
        previousStars: state.review?.stars ?? null,
        correction: latest === command.year,
      },
    },
  ];
}
