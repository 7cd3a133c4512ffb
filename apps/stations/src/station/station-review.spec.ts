import type { StarRating, StationEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import type { MeasuredYear, TypedScores } from '../catalogue/stars';
import { stationDecider } from './station.decider';
import { registered, STATION_ID, suspended } from './station.fixtures';

const station = () => spec(stationDecider);
/** The three criteria a reviewer types, all the same. */
const typed = (score: number): TypedScores => ({ facilities: score, services: score, management: score });
/**
 * A busy, well-rated year (2 000 visits and 4 activities: usage 100; 45 ratings of 5 stars:
 * satisfaction 95), and one with nothing measured (usage 0; no rating: satisfaction 50).
 */
const busy: MeasuredYear = { visits: 2_000, activities: 4, ratings: 45, ratingTotal: 225 };
const idle: MeasuredYear = { visits: 0, activities: 0, ratings: 0, ratingTotal: 0 };
const review = (year: number, scores: TypedScores, measured: MeasuredYear) => ({ type: 'ReviewStation' as const, stationId: STATION_ID, year, scores, measured });
const reviewed = (
  year: number,
  typedScore: number,
  measuredScores: { usage: number; satisfaction: number },
  measured: MeasuredYear,
  score: number,
  stars: StarRating,
  previousStars: StarRating | null,
  correction = false,
): StationEvent => ({
  type: 'StationReviewed',
  data: {
    stationId: STATION_ID,
    year,
    scores: { ...typed(typedScore), ...measuredScores },
    score,
    stars,
    previousStars,
    correction,
    usageMeasured: { visits: measured.visits, activities: measured.activities },
    satisfactionMeasured: { ratings: measured.ratings, ratingTotal: measured.ratingTotal },
  },
});

describe('ReviewStation', () => {
  it('rates a first review: typed scores of 92 and a busy, well-rated year (usage 100, satisfaction 95) make a weighted 93.65 and five stars', () => {
    station().given([registered()]).when(review(2025, typed(92), busy)).then([reviewed(2025, 92, { usage: 100, satisfaction: 95 }, busy, 93.65, 5, null)]);
  });

  it('scores usage from the measured visits and activities, not from what is typed: 1 000 visits and 1 activity earn 43', () => {
    const measured = { ...idle, visits: 1_000, activities: 1 };
    // 70 × 1000/2000 + 30 × 1/4 = 42.5 → 43; with typed 80s and no rating (50) the weighted score is 69.95: two stars.
    station().given([registered()]).when(review(2025, typed(80), measured)).then([reviewed(2025, 80, { usage: 43, satisfaction: 50 }, measured, 69.95, 2, null)]);
    // More than the benchmarks earns no more than 100.
    const crowded = { ...idle, visits: 50_000, activities: 40 };
    station().given([registered()]).when(review(2025, typed(80), crowded)).then([reviewed(2025, 80, { usage: 100, satisfaction: 50 }, crowded, 78.5, 3, null)]);
  });

  it('scores satisfaction from the ratings of the wishes posted at the station: the same typed scores and usage, a star apart', () => {
    // 10 ratings averaging 4.5, with the 5 neutral ones: (45 + 15) ÷ 15 = 4.0 → 75; weighted 56 + 15 + 11.25 = 82.25, four stars.
    const pleased = { visits: 2_000, activities: 4, ratings: 10, ratingTotal: 45 };
    station().given([registered()]).when(review(2025, typed(80), pleased)).then([reviewed(2025, 80, { usage: 100, satisfaction: 75 }, pleased, 82.25, 4, null)]);
    // 20 ratings of 1 star: (20 + 15) ÷ 25 = 1.4 → 10; weighted 72.5, three stars.
    const displeased = { visits: 2_000, activities: 4, ratings: 20, ratingTotal: 20 };
    station().given([registered()]).when(review(2025, typed(80), displeased)).then([reviewed(2025, 80, { usage: 100, satisfaction: 10 }, displeased, 72.5, 3, null)]);
  });

  it('lets the stars drop the next year', () => {
    station()
      .given([registered(), reviewed(2025, 92, { usage: 100, satisfaction: 95 }, busy, 93.65, 5, null)])
      .when(review(2026, typed(65), idle))
      .then([reviewed(2026, 65, { usage: 0, satisfaction: 50 }, idle, 53, 1, 5)]);
  });

  it('treats a second review of the latest year as a correction that replaces it', () => {
    station()
      .given([registered(), reviewed(2025, 92, { usage: 100, satisfaction: 95 }, busy, 93.65, 5, null)])
      .when(review(2025, typed(85), busy))
      .then([reviewed(2025, 85, { usage: 100, satisfaction: 95 }, busy, 88.75, 4, 5, true)]);
  });

  it('reviews a suspended station', () => {
    station().given([registered(), suspended]).when(review(2026, typed(40), idle)).then([reviewed(2026, 40, { usage: 0, satisfaction: 50 }, idle, 35.5, 1, null)]);
  });

  it('refuses a year before the latest review, a year not yet begun, and a year before 2000', () => {
    const earlier = reviewed(2025, 92, { usage: 100, satisfaction: 95 }, busy, 93.65, 5, null);
    station().given([registered(), earlier]).when(review(2024, typed(80), busy)).thenError('review_year_invalid', 'year');
    station().given([registered()]).when(review(2027, typed(80), busy)).thenError('review_year_invalid', 'year');
    station().given([registered()]).when(review(1999, typed(80), busy)).thenError('review_year_invalid', 'year');
    station().given([registered()]).when(review(2025.5, typed(80), busy)).thenError('review_year_invalid', 'year');
  });

  it('refuses scores out of range, fractional, missing or extra — a typed usage or satisfaction among them — naming them', () => {
    const error = station()
      .given([registered()])
      .when(review(2025, { ...typed(80), management: 79.5, usage: 90, satisfaction: 90, hygiene: 90 } as TypedScores, busy))
      .thenError('invalid_review_scores', 'scores');
    expect(error.details).toEqual({ invalid: ['management', 'usage', 'satisfaction', 'hygiene'] });
    const { management: _missing, ...partial } = typed(80);
    station().given([registered()]).when(review(2025, partial as TypedScores, busy)).thenError('invalid_review_scores');
  });
});

describe('AwardHonour', () => {
  const honour = { year: 2025, level: 'national' as const, title: '最美工会户外劳动者服务站点' };
  const awarded: StationEvent = { type: 'HonourAwarded', data: { stationId: STATION_ID, ...honour } };

  it('records a national honour', () => {
    station().given([registered()]).when({ type: 'AwardHonour', stationId: STATION_ID, ...honour, title: ` ${honour.title} ` }).then([awarded]);
  });

  it('refuses the same honour twice, but takes the same title at another level or year', () => {
    station().given([registered(), awarded]).when({ type: 'AwardHonour', stationId: STATION_ID, ...honour }).thenError('honour_already_awarded');
    station()
      .given([registered(), awarded])
      .when({ type: 'AwardHonour', stationId: STATION_ID, ...honour, level: 'provincial' })
      .then([{ type: 'HonourAwarded', data: { stationId: STATION_ID, ...honour, level: 'provincial' } }]);
    station()
      .given([registered(), awarded])
      .when({ type: 'AwardHonour', stationId: STATION_ID, ...honour, year: 2026 })
      .then([{ type: 'HonourAwarded', data: { stationId: STATION_ID, ...honour, year: 2026 } }]);
  });

  it('refuses a future year, an unknown level, a blank title', () => {
    station().given([registered()]).when({ type: 'AwardHonour', stationId: STATION_ID, ...honour, year: 2027 }).thenError('honour_year_invalid', 'year');
    station().given([registered()]).when({ type: 'AwardHonour', stationId: STATION_ID, ...honour, level: 'galactic' as never }).thenError('unknown_honour_level', 'level');
    station().given([registered()]).when({ type: 'AwardHonour', stationId: STATION_ID, ...honour, title: '  ' }).thenError('invalid_text', 'title');
  });
});
