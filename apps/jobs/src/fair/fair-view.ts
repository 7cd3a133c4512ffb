import type { Selectable } from 'kysely';
import type { FairBoardTable } from '../db/database';

/** A fair with its counts, as the officers' list and page answer it. */
export function fairView(r: Selectable<FairBoardTable>) {
  return {
    fairId: r.fair_id,
    title: r.title,
    format: r.format,
    stationId: r.station_id,
    streetCode: r.street_code,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    status: r.status,
    statusReason: r.status_reason,
    counts: { employers: r.employers, postings: r.postings, attendance: r.attendance, intentions: r.intentions },
  };
}
