import { FACILITY_CODES, type OpeningHours, type OpeningPeriod } from '@ws/contracts';
import type { Random } from '@ws/kernel';
import type { IndexedStation } from './indexed-station';

/**
 * Seeded random stations for the property tests and the benchmark (seededRandom of @ws/kernel):
 * same seed, same stations, so a failing case can be replayed.
 */
export interface BoundingBox {
  minLng: number;
  maxLng: number;
  minLat: number;
  maxLat: number;
}

export interface StationMix {
  share24h: number;
  shareSuspended: number;
  shareClosed: number;
  /** Instants suspensions end around (half before, half after), so both cases occur. */
  suspensionPivot: Date;
}

const WEEK_MS = 7 * 24 * 3600_000;

export function randomStation(random: Random, id: string, box: BoundingBox, mix: StationMix): IndexedStation {
  const roll = random();
  const status = roll < mix.shareSuspended ? 'suspended' : roll < mix.shareSuspended + mix.shareClosed ? 'closed' : 'active';
  const suspendedUntil =
    status === 'suspended' && random() < 0.8
      ? new Date(mix.suspensionPivot.getTime() + (random() - 0.5) * 2 * WEEK_MS).toISOString()
      : undefined;
  return {
    id,
    name: `驿站 ${id}`,
    lng: box.minLng + random() * (box.maxLng - box.minLng),
    lat: box.minLat + random() * (box.maxLat - box.minLat),
    facilities: FACILITY_CODES.filter(() => random() < 0.3),
    hours: random() < mix.share24h ? { open24h: true } : randomWeeklyHours(random),
    status,
    ...(suspendedUntil ? { suspendedUntil } : {}),
    tier: 'community',
    kind: 'station',
  };
}

/** Random instant within the week after `from`, so every weekday and hour occurs. */
export function randomInstantInWeek(random: Random, from: Date): Date {
  return new Date(from.getTime() + Math.floor(random() * WEEK_MS));
}

/** Some days closed, some days open past midnight (close before open), Sunday night into Monday. */
function randomWeeklyHours(random: Random): OpeningHours {
  const weekly: OpeningPeriod[] = [];
  for (const day of [1, 2, 3, 4, 5, 6, 7] as const) {
    if (random() < 0.15) continue;
    const openHour = 6 + Math.floor(random() * 6);
    const closeHour = random() < 0.2 ? Math.floor(random() * 3) : 16 + Math.floor(random() * 8);
    weekly.push({ day, open: clock(openHour, random() < 0.5 ? 0 : 30), close: clock(closeHour, 0) });
  }
  return { open24h: false, weekly };
}

function clock(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
