import { REVIEW_CRITERIA } from '@ws/contracts';
import { rateReview, REVIEW_WEIGHTS, satisfactionScore, STAR_THRESHOLDS, usageScore, type ReviewScores } from './stars';

const all = (score: number): ReviewScores => ({ facilities: score, services: score, management: score, usage: score, satisfaction: score });

describe('star rating', () => {
  it('weighs the criteria to 100 %', () => {
    expect(REVIEW_CRITERIA.reduce((sum, c) => sum + REVIEW_WEIGHTS[c], 0)).toBe(100);
  });

  it.each([
    [100, 5],
    [90, 5],
    [89, 4],
    [80, 4],
    [79, 3],
    [70, 3],
    [69, 2],
    [60, 2],
    [59, 1],
    [0, 1],
  ])('equal scores of %i earn %i star(s)', (score, stars) => {
    expect(rateReview(all(score))).toEqual({ score, stars });
  });

  it('weighs facilities and services more than usage and satisfaction', () => {
    const strongOffer = rateReview({ facilities: 100, services: 100, management: 80, usage: 60, satisfaction: 60 });
    const strongUse = rateReview({ facilities: 60, services: 60, management: 80, usage: 100, satisfaction: 100 });
    expect(strongOffer.score).toBe((100 * 25 + 100 * 25 + 80 * 20 + 60 * 15 + 60 * 15) / 100);
    expect(strongOffer.score).toBeGreaterThan(strongUse.score);
  });

  it('decides at a threshold without rounding: 89.95 is four stars', () => {
    // 25·89 + 25·90 + 20·91 + 15·90 + 15·90 = 8995 hundredths.
    const { score, stars } = rateReview({ facilities: 89, services: 90, management: 91, usage: 90, satisfaction: 90 });
    expect(score).toBe(89.95);
    expect(stars).toBe(4);
  });

  it('lists thresholds from five stars down to one, ending at zero', () => {
    expect(STAR_THRESHOLDS.map(([, stars]) => stars)).toEqual([5, 4, 3, 2, 1]);
    expect(STAR_THRESHOLDS.at(-1)![0]).toBe(0);
  });
});

describe('usage score', () => {
  it('scores a year\'s visits (70) and activities (30) against their benchmarks, capped at 100', () => {
    expect(usageScore({ visits: 0, activities: 0 })).toBe(0);
    expect(usageScore({ visits: 2_000, activities: 4 })).toBe(100);
    expect(usageScore({ visits: 1_000, activities: 0 })).toBe(35);
    expect(usageScore({ visits: 0, activities: 2 })).toBe(15);
    expect(usageScore({ visits: 1_000, activities: 1 })).toBe(43);
    expect(usageScore({ visits: 90_000, activities: 1 })).toBe(78);
  });
});

describe('satisfaction score', () => {
  it('averages the year\'s ratings with 5 neutral ones (3 stars) on a scale where 1 star is 0 and 5 stars 100', () => {
    // No rating says nothing either way: the middle of the scale.
    expect(satisfactionScore({ ratings: 0, ratingTotal: 0 })).toBe(50);
    // One rating moves it a little: (5 + 15) ÷ 6 = 3.33 → 58; (1 + 15) ÷ 6 = 2.67 → 42.
    expect(satisfactionScore({ ratings: 1, ratingTotal: 5 })).toBe(58);
    expect(satisfactionScore({ ratings: 1, ratingTotal: 1 })).toBe(42);
    // Many ratings come close to their own average: 50 of 5 stars → 95; 200 of 5 → 99.
    expect(satisfactionScore({ ratings: 50, ratingTotal: 250 })).toBe(95);
    expect(satisfactionScore({ ratings: 200, ratingTotal: 1_000 })).toBe(99);
    expect(satisfactionScore({ ratings: 10, ratingTotal: 45 })).toBe(75);
    expect(satisfactionScore({ ratings: 20, ratingTotal: 20 })).toBe(10);
  });
});
