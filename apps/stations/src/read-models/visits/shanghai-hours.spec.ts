import { shanghaiDayAndHour } from '@ws/contracts';
import { ShanghaiHours } from './shanghai-hours';

describe('ShanghaiHours', () => {
  it('gives the same day and hour as shanghaiDayAndHour, across midnight in Shanghai', () => {
    const hours = new ShanghaiHours();
    const start = Date.parse('2026-06-01T14:30:00.000Z');
    for (let minutes = 0; minutes < 48 * 60; minutes += 17) {
      const at = new Date(start + minutes * 60_000).toISOString();
      expect(hours.of(at)).toEqual(shanghaiDayAndHour(new Date(at)));
    }
    expect(hours.of('2026-06-01T15:59:59.999Z')).toEqual({ day: '2026-06-01', hour: 23 });
    expect(hours.of('2026-06-01T16:00:00.000Z')).toEqual({ day: '2026-06-02', hour: 0 });
  });

  it('reads instants written with an offset too', () => {
    expect(new ShanghaiHours().of('2026-06-01T23:05:00+08:00')).toEqual({ day: '2026-06-01', hour: 23 });
  });
});
