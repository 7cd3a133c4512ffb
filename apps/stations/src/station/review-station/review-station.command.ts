import { shanghaiYear, type StationEvent } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { isValidCriterionScore, rateReview, satisfactionScore, TYPED_CRITERIA, usageScore, type MeasuredYear, type ReviewScores, type TypedScores } from '../../catalogue/stars';
import { stationsError } from '../../errors';
import type { StationState } from '../station.state';

/** Records before this year predate the station programme; a typo, not history. */
export const EARLIEST_YEAR = 2000;

/**
 * The yearly review (星级评定). Reviews go forward in time: a year after the latest reviewed one
 * is a new review; the latest year itself may be reviewed again, which corrects (replaces) it;
 * an earlier year or a year not yet begun is refused. The reviewer scores facilities, services
 * and management; usage and satisfaction are scored from what the station's year measured (its
 * visits and the activities held there; the ratings of the wishes posted there), read by the
 * handler from the read models.
 */
export interface ReviewStation {
  type: 'ReviewStation';
  stationId: string;
  year: number;
  scores: TypedScores;
  measured: MeasuredYear;
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
  // Usage or satisfaction among the typed scores is refused like any unknown one: they are measured.
  const extra = Object.keys(scores).filter((key) => !(TYPED_CRITERIA as readonly string[]).includes(key));
  if (badCriteria.length > 0 || extra.length > 0) {
    return stationsError('invalid_review_scores', '各项评分应为 0–100 的整数，且只含规定的评分项（使用人次和劳动者满意度按实测计分，不填）', 'scores', { invalid: [...badCriteria, ...extra] });
  }
  const { visits, activities, ratings, ratingTotal } = command.measured;
  const { facilities, services, management } = command.scores;
  const normalised: ReviewScores = {
    facilities,
    services,
    management,
    usage: usageScore({ visits, activities }),
    satisfaction: satisfactionScore({ ratings, ratingTotal }),
  };
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
        usageMeasured: { visits, activities },
        satisfactionMeasured: { ratings, ratingTotal },
      },
    },
  ];
}
