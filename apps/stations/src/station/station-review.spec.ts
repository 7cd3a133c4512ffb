import type { StarRating, StationEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import type { MeasuredUsage, TypedScores } from '../catalogue/stars';
import { stationDecider } from './station.decider';
import { registered, STATION_ID, suspended } from './station.fixtures';

const station = () => spec(stationDecider);
/** The four criteria a reviewer types, all the same. */
const typed = (score: number): TypedScores => ({ facilities: score, services: score, management: score, satisfaction: score });
/** A year that earns the full usage score (2 000 visits, 4 activities), and one with nothing measured. */
const busy: MeasuredUsage = { visits: 2_000, activities: 4 };
const idle: MeasuredUsage = { visits: 0, activities: 0 };
const review = (year: number, scores: TypedScores, measured: MeasuredUsage) => ({ type: 'ReviewStation' as const, stationId: STATION_ID, year, scores, measured });
const reviewed = (year: number, typedScore: number, usage: number, measured: MeasuredUsage, score: number, stars: StarRating, previousStars: StarRating | null, correction = false): StationEvent => ({
  type: 'StationReviewed',
  data: { stationId: STATION_ID, year, scores: { ...typed(typedScore), usage }, score, stars, previousStars, correction, usageMeasured: measured },
});

describe('ReviewStation', () => {
  it('rates a first review: typed scores of 92 and a busy year (usage 100) make a weighted 93.2 and five stars', () => {
    station().given([registered()]).when(review(2025, typed(92), busy)).then([reviewed(2025, 92, 100, busy, 93.2, 5, null)]);
  });

  it('scores usage from the measured visits and activities, not from what is typed: 1 000 visits and 1 activity earn 43', () => {
    const measured = { visits: 1_000, activities: 1 };
    // 70 × 1000/2000 + 30 × 1/4 = 42.5 → 43; with typed 80s the weighted score is 74.45: three stars, not four.
    station().given([registered()]).when(review(2025, typed(80), measured)).then([reviewed(2025, 80, 43, measured, 74.45, 3, null)]);
    // More than the benchmarks earns no more than 100.
    const crowded = { visits: 50_000, activities: 40 };
    station().given([registered()]).when(review(2025, typed(80), crowded)).then([reviewed(2025, 80, 100, crowded, 83, 4, null)]);
  });

  it('lets the stars drop the next year', () => {
    station().given([registered(), reviewed(2025, 92, 100, busy, 93.2, 5, null)]).when(review(2026, typed(65), idle)).then([reviewed(2026, 65, 0, idle, 55.25, 1, 5)]);
  });

  it('treats a second review of the latest year as a correction that replaces it', () => {
    station().given([registered(), reviewed(2025, 92, 100, busy, 93.2, 5, null)]).when(review(2025, typed(85), busy)).then([reviewed(2025, 85, 100, busy, 87.25, 4, 5, true)]);
  });

  it('reviews a suspended station', () => {
    station().given([registered(), suspended]).when(review(2026, typed(40), idle)).then([reviewed(2026, 40, 0, idle, 34, 1, null)]);
  });

  it('refuses a year before the latest review, a year not yet begun, and a year before 2000', () => {
    station().given([registered(), reviewed(2025, 92, 100, busy, 93.2, 5, null)]).when(review(2024, typed(80), busy)).thenError('review_year_invalid', 'year');
    station().given([registered()]).when(review(2027, typed(80), busy)).thenError('review_year_invalid', 'year');
    station().given([registered()]).when(review(1999, typed(80), busy)).thenError('review_year_invalid', 'year');
    station().given([registered()]).when(review(2025.5, typed(80), busy)).thenError('review_year_invalid', 'year');
  });

  it('refuses scores out of range, fractional, missing or extra — a typed usage among them — naming them', () => {
    const error = station()
      .given([registered()])
      .when(review(2025, { ...typed(80), usage: 90, satisfaction: 79.5, hygiene: 90 } as TypedScores, busy))
      .thenError('invalid_review_scores', 'scores');
    expect(error.details).toEqual({ invalid: ['satisfaction', 'usage', 'hygiene'] });
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
