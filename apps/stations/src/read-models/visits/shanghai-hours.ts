import { shanghaiDayAndHour } from '@ws/contracts';

/**
 * Day and hour in Asia/Shanghai of a visit's `at`. Recorded visits carry `toISOString()` UTC
 * instants, so the hour is known from the first 13 characters; a replay of a million events
 * would otherwise parse and format two dates per visit.
 */
export class ShanghaiHours {
  private readonly byUtcHour = new Map<string, { day: string; hour: number }>();

  of(at: string): { day: string; hour: number } {
    if (at.length !== 24 || at[23] !== 'Z') return shanghaiDayAndHour(new Date(at));
    const utcHour = at.slice(0, 13);
    let found = this.byUtcHour.get(utcHour);
    if (!found) {
      // A long-running process sees a new hour every hour: keep the map small.
      if (this.byUtcHour.size >= 10_000) this.byUtcHour.clear();
      found = shanghaiDayAndHour(new Date(`${utcHour}:00:00.000Z`));
      this.byUtcHour.set(utcHour, found);
    }
    return found;
  }
}
