import { lastMonths } from './membership-stats.query';

describe('the months a dashboard chart shows', () => {
  it('ends with the current Beijing month, oldest first, across a year boundary', () => {
    expect(lastMonths(new Date('2026-01-15T00:00:00Z'), 3)).toEqual(['2025-11', '2025-12', '2026-01']);
  });

  it('counts a late evening UTC as the next day in Beijing', () => {
    // 31 Jan 17:00 UTC is 1 Feb 01:00 in Beijing.
    expect(lastMonths(new Date('2026-01-31T17:00:00Z'), 2)).toEqual(['2026-01', '2026-02']);
  });
});
