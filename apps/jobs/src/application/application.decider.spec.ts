import type { JobApplicationEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { applicationDecider, PostingSnapshot } from './application.decider';

const posting: PostingSnapshot = { postingId: 'posting-1', employerId: 'employer-1', status: 'open', category: 'housekeeping', streetCode: '500117001' };
const applied: JobApplicationEvent = {
  type: 'JobApplicationSubmitted',
  data: { applicationId: 'application-1', postingId: 'posting-1', seekerId: 'seeker-1', employerId: 'employer-1', category: 'housekeeping', streetCode: '500117001', note: '离家很近' },
};
const invited: JobApplicationEvent = { type: 'JobApplicantInvited', data: { applicationId: 'application-1', postingId: 'posting-1', message: null } };
const accepted: JobApplicationEvent = { type: 'JobInvitationAccepted', data: { applicationId: 'application-1', postingId: 'posting-1' } };
const hired: JobApplicationEvent = {
  type: 'JobApplicantHired',
  data: { applicationId: 'application-1', postingId: 'posting-1', seekerId: 'seeker-1', employerId: 'employer-1', category: 'housekeeping', streetCode: '500117001', agreedPayFen: 3000, startDate: '2026-06-03' },
};

describe('job application decider', () => {
  it('applies to an open posting only, once', () => {
    const apply = { type: 'Apply' as const, applicationId: 'application-1', seekerId: 'seeker-1', posting, note: ' 离家很近 ' };
    spec(applicationDecider).given([]).when(apply).then([applied]);
    spec(applicationDecider).given([applied]).when(apply).thenNothing();
    spec(applicationDecider).given([]).when({ ...apply, posting: { ...posting, status: 'filled' } }).thenError('posting_not_open');
  });

  it('goes applied → invited → accepted → hired (签约)', () => {
    spec(applicationDecider).given([applied]).when({ type: 'Invite', message: null }).then([invited]);
    spec(applicationDecider).given([applied, invited]).when({ type: 'AcceptInvitation' }).then([accepted]);
    spec(applicationDecider).given([applied, invited, accepted]).when({ type: 'Hire', agreedPayFen: 3000, startDate: '2026-06-03' }).then([hired]);
    spec(applicationDecider).given([applied, invited, accepted, hired]).when({ type: 'Hire', agreedPayFen: 3000, startDate: '2026-06-03' }).thenNothing();
  });

  it('refuses steps out of order and bad hire terms', () => {
    spec(applicationDecider).given([applied]).when({ type: 'AcceptInvitation' }).thenError('application_status_conflict');
    spec(applicationDecider).given([applied, invited]).when({ type: 'Hire', agreedPayFen: 3000, startDate: '2026-06-03' }).thenError('application_status_conflict');
    spec(applicationDecider).given([applied, invited, accepted]).when({ type: 'Hire', agreedPayFen: -1, startDate: '2026-06-03' }).thenError('validation_failed', 'agreedPayFen');
    spec(applicationDecider).given([applied, invited, accepted]).when({ type: 'Hire', agreedPayFen: 3000, startDate: '6月3日' }).thenError('validation_failed', 'startDate');
    spec(applicationDecider).given([]).when({ type: 'Invite', message: null }).thenError('application_not_found');
  });

  it('is declined by either side before the hire, not after', () => {
    spec(applicationDecider)
      .given([applied, invited])
      .when({ type: 'Decline', by: 'seeker', reason: '时间不合适' })
      .then([{ type: 'JobApplicationDeclined', data: { applicationId: 'application-1', postingId: 'posting-1', by: 'seeker', reason: '时间不合适' } }]);
    spec(applicationDecider).given([applied, invited, accepted, hired]).when({ type: 'Decline', by: 'employer', reason: null }).thenError('application_status_conflict');
  });

  it('lets each side rate once after the hire', () => {
    const rated: JobApplicationEvent = { type: 'JobWorkRated', data: { applicationId: 'application-1', postingId: 'posting-1', by: 'seeker', rating: 5, comment: '按时结算' } };
    spec(applicationDecider).given([applied, invited, accepted, hired]).when({ type: 'RateWork', by: 'seeker', rating: 5, comment: '按时结算' }).then([rated]);
    spec(applicationDecider).given([applied, invited, accepted, hired, rated]).when({ type: 'RateWork', by: 'seeker', rating: 4, comment: null }).thenError('already_rated');
    spec(applicationDecider).given([applied, invited, accepted, hired, rated]).when({ type: 'RateWork', by: 'employer', rating: 6, comment: null }).thenError('validation_failed', 'rating');
    spec(applicationDecider).given([applied]).when({ type: 'RateWork', by: 'seeker', rating: 5, comment: null }).thenError('application_status_conflict');
  });

  it('rates the employer and the seeker independently, each once, with 1–5 whole stars and a short comment', () => {
    const bySeeker: JobApplicationEvent = { type: 'JobWorkRated', data: { applicationId: 'application-1', postingId: 'posting-1', by: 'seeker', rating: 4, comment: null } };
    const byEmployer: JobApplicationEvent = { type: 'JobWorkRated', data: { applicationId: 'application-1', postingId: 'posting-1', by: 'employer', rating: 5, comment: '活干得细' } };
    // Given the seeker rated, when the employer rates, then the employer's rating stands on its own.
    spec(applicationDecider).given([applied, invited, accepted, hired, bySeeker]).when({ type: 'RateWork', by: 'employer', rating: 5, comment: ' 活干得细 ' }).then([byEmployer]);
    spec(applicationDecider).given([applied, invited, accepted, hired, bySeeker, byEmployer]).when({ type: 'RateWork', by: 'employer', rating: 3, comment: null }).thenError('already_rated');
    // An empty comment is no comment.
    spec(applicationDecider).given([applied, invited, accepted, hired]).when({ type: 'RateWork', by: 'seeker', rating: 4, comment: '  ' }).then([bySeeker]);
    // Bad stars, a long comment, a mobile in the comment: refused with the field named, nothing decided.
    for (const rating of [0, 3.5, Number.NaN]) {
      spec(applicationDecider).given([applied, invited, accepted, hired]).when({ type: 'RateWork', by: 'seeker', rating, comment: null }).thenError('validation_failed', 'rating');
    }
    spec(applicationDecider).given([applied, invited, accepted, hired]).when({ type: 'RateWork', by: 'seeker', rating: 5, comment: '好'.repeat(101) }).thenError('validation_failed', 'comment');
    spec(applicationDecider).given([applied, invited, accepted, hired]).when({ type: 'RateWork', by: 'employer', rating: 5, comment: '有事打 13800001234' }).thenError('personal_data_in_text', 'comment');
    // Only after the hire: not while invited or accepted, not once declined.
    const declined: JobApplicationEvent = { type: 'JobApplicationDeclined', data: { applicationId: 'application-1', postingId: 'posting-1', by: 'seeker', reason: null } };
    spec(applicationDecider).given([applied, invited, accepted]).when({ type: 'RateWork', by: 'employer', rating: 5, comment: null }).thenError('application_status_conflict');
    spec(applicationDecider).given([applied, invited, declined]).when({ type: 'RateWork', by: 'seeker', rating: 1, comment: null }).thenError('application_status_conflict');
    spec(applicationDecider).given([]).when({ type: 'RateWork', by: 'seeker', rating: 5, comment: null }).thenError('application_not_found');
  });
});
