import { REVIEW_CRITERIA, shanghaiYear, type StationEvent } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { isValidCriterionScore, rateReview, TYPED_CRITERIA, usageScore, type MeasuredUsage, type ReviewScores, type TypedScores } from '../../catalogue/stars';
import { stationsError } from '../../errors';
import type { StationState } from '../station.state';

/** Records before this year predate the station programme; a typo, not history. */
export const EARLIEST_YEAR = 2000;

/**
 * The yearly review (星级评定). Reviews go forward in time: a year after the latest reviewed one
 * is a new review; the latest year itself may be reviewed again, which corrects (replaces) it;
 * an earlier year or a year not yet begun is refused. The reviewer scores facilities, services,
 * management and satisfaction; usage is scored from what the station's year measured (its visits
 * and the activities held there, read by the handler from the read models).
 */
export interface ReviewStation {
  type: 'ReviewStation';
  stationId: string;
  year: number;
  scores: TypedScores;
  measured: MeasuredUsage;
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
  const badCriteria = TYPED_CRITERIA.filter((criterion) => !isValidCriterionScore(scores[criterion]));
  // Usage among the typed scores is refused like any unknown one: it is measured.
  const extra = Object.keys(scores).filter((key) => !(TYPED_CRITERIA as readonly string[]).includes(key));
  if (badCriteria.length > 0 || extra.length > 0) {
    return stationsError('invalid_review_scores', '各项评分应为 0–100 的整数，且只含规定的评分项（使用人次按实测计分，不填）', 'scores', { invalid: [...badCriteria, ...extra] });
  }
  const usage = usageScore(command.measured);
  const normalised = Object.fromEntries(REVIEW_CRITERIA.map((criterion) => [criterion, criterion === 'usage' ? usage : scores[criterion]])) as ReviewScores;
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
        usageMeasured: { visits: command.measured.visits, activities: command.measured.activities },
      },
    },
  ];
}
