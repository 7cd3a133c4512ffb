import type { StarRating, StationEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import type { ReviewScores } from '../catalogue/stars';
import { stationDecider } from './station.decider';
import { registered, STATION_ID, suspended } from './station.fixtures';

const station = () => spec(stationDecider);
const all = (score: number): ReviewScores => ({ facilities: score, services: score, management: score, usage: score, satisfaction: score });
const reviewed = (year: number, score: number, stars: StarRating, previousStars: StarRating | null, correction = false): StationEvent => ({
  type: 'StationReviewed',
  data: { stationId: STATION_ID, year, scores: all(score), score, stars, previousStars, correction },
});

describe('ReviewStation', () => {
  it('rates a first review: equal scores of 92 make a weighted 92 and five stars', () => {
    station().given([registered()]).when({ type: 'ReviewStation', stationId: STATION_ID, year: 2025, scores: all(92) }).then([reviewed(2025, 92, 5, null)]);
  });

  it('lets the stars drop the next year', () => {
    station()
      .given([registered(), reviewed(2025, 92, 5, null)])
      .when({ type: 'ReviewStation', stationId: STATION_ID, year: 2026, scores: all(65) })
      .then([reviewed(2026, 65, 2, 5)]);
  });

  it('treats a second review of the latest year as a correction that replaces it', () => {
    station()
      .given([registered(), reviewed(2025, 92, 5, null)])
      .when({ type: 'ReviewStation', stationId: STATION_ID, year: 2025, scores: all(85) })
      .then([reviewed(2025, 85, 4, 5, true)]);
  });

  it('reviews a suspended station', () => {
    station().given([registered(), suspended]).when({ type: 'ReviewStation', stationId: STATION_ID, year: 2026, scores: all(40) }).then([reviewed(2026, 40, 1, null)]);
  });

  it('refuses a year before the latest review, a year not yet begun, and a year before 2000', () => {
    station().given([registered(), reviewed(2025, 92, 5, null)]).when({ type: 'ReviewStation', stationId: STATION_ID, year: 2024, scores: all(80) }).thenError('review_year_invalid', 'year');
    station().given([registered()]).when({ type: 'ReviewStation', stationId: STATION_ID, year: 2027, scores: all(80) }).thenError('review_year_invalid', 'year');
    station().given([registered()]).when({ type: 'ReviewStation', stationId: STATION_ID, year: 1999, scores: all(80) }).thenError('review_year_invalid', 'year');
    station().given([registered()]).when({ type: 'ReviewStation', stationId: STATION_ID, year: 2025.5, scores: all(80) }).thenError('review_year_invalid', 'year');
  });

  it('refuses scores out of range, fractional, missing or extra, naming them', () => {
    const error = station()
      .given([registered()])
      .when({ type: 'ReviewStation', stationId: STATION_ID, year: 2025, scores: { ...all(80), usage: 101, satisfaction: 79.5, hygiene: 90 } as ReviewScores })
      .thenError('invalid_review_scores', 'scores');
    expect(error.details).toEqual({ invalid: ['usage', 'satisfaction', 'hygiene'] });
    const { management: _missing, ...partial } = all(80);
    station().given([registered()]).when({ type: 'ReviewStation', stationId: STATION_ID, year: 2025, scores: partial as ReviewScores }).thenError('invalid_review_scores');
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
