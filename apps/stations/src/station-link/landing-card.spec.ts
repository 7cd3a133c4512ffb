import type { OpeningHours } from '@ws/contracts';
import { openState, servicesToday } from './landing-card';

// 2026-06-03 is a Wednesday; Shanghai is UTC+8.
const at = (local: string) => new Date(`${local}+08:00`);
const weekdays = (open: string, close: string): OpeningHours => ({ open24h: false, weekly: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, open, close })) });

describe('a station card’s opening state', () => {
  it('says until when while open, and when it opens next while closed', () => {
    expect(openState(weekdays('08:00', '20:00'), 'active', at('2026-06-03T12:00:00'))).toEqual({ now: true, open24h: false, until: '20:00', next: null });
    expect(openState(weekdays('08:00', '20:00'), 'active', at('2026-06-03T06:30:00'))).toMatchObject({ now: false, next: '今天 08:00' });
    expect(openState(weekdays('08:00', '20:00'), 'active', at('2026-06-03T21:00:00'))).toMatchObject({ now: false, next: '明天 08:00' });
    expect(openState(weekdays('08:00', '20:00'), 'active', at('2026-06-05T21:00:00'))).toMatchObject({ now: false, next: '周一 08:00' });
  });

  it('runs a night period past midnight and into Monday', () => {
    const nights: OpeningHours = { open24h: false, weekly: [{ day: 7, open: '18:00', close: '02:00' }] };
    expect(openState(nights, 'active', at('2026-06-07T23:00:00'))).toMatchObject({ now: true, until: '02:00' });
    expect(openState(weekdays('00:00', '24:00'), 'active', at('2026-06-03T12:00:00'))).toMatchObject({ now: true, until: null });
  });

  it('is closed whatever the hours when the station is suspended, and always open 24 h', () => {
    expect(openState(weekdays('00:00', '24:00'), 'suspended', at('2026-06-03T12:00:00')).now).toBe(false);
    expect(openState({ open24h: true }, 'active', at('2026-06-03T03:00:00'))).toEqual({ now: true, open24h: true, until: null, next: null });
  });

  it('lists today’s services from weekly slots and dated sessions', () => {
    const today = servicesToday(
      [
        { service: 'legal_advice', schedule: { kind: 'weekly', slots: [{ day: 3, start: '14:00', end: '16:00' }, { day: 4, start: '09:00', end: '11:00' }] } },
        { service: 'health_check', schedule: { kind: 'sessions', sessions: [{ date: '2026-06-03', start: '09:00', end: '11:30' }, { date: '2026-06-10', start: '09:00', end: '11:30' }] } },
      ],
      at('2026-06-03T10:00:00'),
    );
    expect(today).toEqual([
      { code: 'health_check', start: '09:00', end: '11:30' },
      { code: 'legal_advice', start: '14:00', end: '16:00' },
    ]);
  });
});
