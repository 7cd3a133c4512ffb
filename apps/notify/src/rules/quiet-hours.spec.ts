import { earliestSend } from './quiet-hours';

const QUIET = { from: 22 * 60, to: 7 * 60 };
/** An instant given in Shanghai local time. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('quiet hours 22:00–07:00 Asia/Shanghai', () => {
  it.each([
    ['2026-06-01T21:59:59', '2026-06-01T21:59:59'],
    ['2026-06-01T22:00:00', '2026-06-02T07:00:00'],
    ['2026-06-01T23:30:00', '2026-06-02T07:00:00'],
    ['2026-06-02T00:10:00', '2026-06-02T07:00:00'],
    ['2026-06-02T06:59:00', '2026-06-02T07:00:00'],
    ['2026-06-02T07:00:00', '2026-06-02T07:00:00'],
    ['2026-06-02T12:00:00', '2026-06-02T12:00:00'],
  ])('a wish status due at %s goes out at %s', (due, expected) => {
    expect(earliestSend('wish_accepted', shanghai(due), QUIET).toISOString()).toBe(shanghai(expected).toISOString());
  });

  it('an invitation is never held back', () => {
    const night = shanghai('2026-06-01T23:30:00');
    expect(earliestSend('invitation', night, QUIET)).toEqual(night);
    expect(earliestSend('invitation_expiring', night, QUIET)).toEqual(night);
  });

  it('quiet hours inside one day work too', () => {
    expect(earliestSend('wish_accepted', shanghai('2026-06-01T13:00:00'), { from: 12 * 60, to: 14 * 60 }).toISOString()).toBe(shanghai('2026-06-01T14:00:00').toISOString());
  });
});
