import { dayText, room } from './activities';

describe('an activity as the worker pages show it', () => {
  it('counts the places left and how many more the waiting list takes (as long as the places at most)', () => {
    expect(room({ places: 30, confirmed: 12, waitlisted: 0 })).toEqual({ placesLeft: 18, waitingLeft: 30 });
    expect(room({ places: 2, confirmed: 2, waitlisted: 1 })).toEqual({ placesLeft: 0, waitingLeft: 1 });
    expect(room({ places: 2, confirmed: 2, waitlisted: 2 })).toEqual({ placesLeft: 0, waitingLeft: 0 });
  });

  it('says a planned day with its weekday, in Beijing', () => {
    expect(dayText('2026-12-09')).toBe('12月9日 周三');
    expect(dayText('2027-01-03')).toBe('1月3日 周日');
  });
});
