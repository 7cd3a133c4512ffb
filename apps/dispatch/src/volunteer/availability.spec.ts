import { availabilityProblem, isAvailableAt, isAvailableWithin } from './availability';

// 2026-06-01 is a Monday; 02:00Z = 10:00 in Shanghai.
const mondayTenShanghai = new Date('2026-06-01T02:00:00Z');

describe('volunteer availability', () => {
  const weekdayMornings = [1, 2, 3, 4, 5].map((day) => ({ day: day as 1 | 2 | 3 | 4 | 5, from: '09:00', to: '12:00' }));

  it('is available inside a slot in Shanghai time, not outside', () => {
    expect(isAvailableAt(weekdayMornings, mondayTenShanghai)).toBe(true);
    expect(isAvailableAt(weekdayMornings, new Date('2026-06-01T05:00:00Z'))).toBe(false); // 13:00
    expect(isAvailableAt(weekdayMornings, new Date('2026-06-06T02:00:00Z'))).toBe(false); // Saturday
  });

  it('finds a slot inside a window, including one that wraps past Sunday midnight', () => {
    const saturdayNoon = new Date('2026-06-06T04:00:00Z');
    expect(isAvailableWithin(weekdayMornings, saturdayNoon, new Date('2026-06-07T15:00:00Z'))).toBe(false); // until Sunday 23:00
    expect(isAvailableWithin(weekdayMornings, saturdayNoon, new Date('2026-06-08T02:00:00Z'))).toBe(true); // until Monday 10:00
    expect(isAvailableWithin([], saturdayNoon, new Date('2026-07-08T02:00:00Z'))).toBe(false);
    expect(isAvailableWithin(weekdayMornings, saturdayNoon, saturdayNoon)).toBe(false);
  });

  it('refuses slots that end before they start or use bad clocks', () => {
    expect(availabilityProblem(weekdayMornings)).toBeNull();
    expect(availabilityProblem([{ day: 1, from: '12:00', to: '09:00' }])).toMatch(/结束早于开始/);
    expect(availabilityProblem([{ day: 1, from: '9am', to: '12:00' }])).toMatch(/HH:MM/);
    expect(availabilityProblem([{ day: 8 as 1, from: '09:00', to: '12:00' }])).toMatch(/星期/);
  });
});
