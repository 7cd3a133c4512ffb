import type { Officer } from './auth';

/** A record's place as the stations service takes it: the manager's own station, else the station chosen, else the street. */
export function venueBody(venue: { streetCode: string; stationId: string }, officer: Officer | undefined): { stationId: string | null; streetCode: string | null } {
  if (officer?.station) return { stationId: officer.station, streetCode: null };
  if (venue.stationId) return { stationId: venue.stationId, streetCode: null };
  return { stationId: null, streetCode: venue.streetCode || null };
}

/** Money typed in 元 (two decimals at most), sent in fen: an integer, never a float. */
export const fenOf = (yuan: number | undefined) => (yuan === undefined || yuan === null ? 0 : Math.round(yuan * 100));

export const yuanText = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
