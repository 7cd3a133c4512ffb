import type { Selectable } from 'kysely';
import type { ApplicationBoardTable } from '../db/database';

/** From the invitation on, the employer has chosen this seeker: they see each other in full. */
export const CHOSEN = ['invited', 'accepted', 'hired'];

/** An application as both sides' lists answer it. */
export function applicationView(r: Selectable<ApplicationBoardTable>) {
  return {
    applicationId: r.application_id,
    postingId: r.posting_id,
    status: r.status,
    note: r.note,
    message: r.message,
    declinedBy: r.declined_by,
    agreedPayFen: r.agreed_pay_fen,
    startDate: r.start_date,
    ratings: { bySeeker: r.seeker_rating, byEmployer: r.employer_rating },
    appliedAt: new Date(r.applied_at).toISOString(),
  };
}
