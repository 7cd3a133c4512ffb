import type { Selectable } from 'kysely';
import type { PostingBoardTable } from '../db/database';

/** A posting as the lists and the public page answer it. */
export function postingView(r: Selectable<PostingBoardTable>) {
  return {
    postingId: r.posting_id,
    employerId: r.employer_id,
    employerKind: r.employer_kind,
    streetCode: r.street_code,
    category: r.category,
    payMode: r.pay_mode,
    pay: { minFen: r.pay_min_fen, maxFen: r.pay_max_fen, unit: r.pay_unit },
    headcount: r.headcount,
    hired: r.hired,
    title: r.title,
    description: r.description,
    requirements: r.requirements,
    skills: r.skills,
    schedule: r.schedule,
    location: { lng: r.lng, lat: r.lat },
    validUntil: new Date(r.valid_until).toISOString(),
    status: r.status,
    statusReason: r.status_reason,
    reports: r.reports,
  };
}
