import type { PostingEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { samplePostingDetails } from '../testing/samples';
import { postingDecider } from './posting.decider';

const details = samplePostingDetails();
const drafted: PostingEvent = { type: 'PostingDrafted', data: { ...details, postingId: 'posting-1', employerId: 'employer-1', employerKind: 'company' } };
const submitted: PostingEvent = { type: 'PostingSubmitted', data: { postingId: 'posting-1', streetCode: '500117001' } };
const opened: PostingEvent = {
  type: 'PostingOpened',
  data: { postingId: 'posting-1', employerId: 'employer-1', officerId: 'officer-1', category: 'housekeeping', payMode: 'daily', streetCode: '500117001', headcount: 2 },
};
const counted = { postingId: 'posting-1', category: 'housekeeping' as const, streetCode: '500117001' };
const draft = (overrides = {}) => ({ type: 'DraftPosting' as const, postingId: 'posting-1', employerId: 'employer-1', employerKind: 'company' as const, employerStatus: 'approved' as const, details: samplePostingDetails(overrides) });

describe('posting decider', () => {
  it('drafts a posting; the same draft again changes nothing', () => {
    spec(postingDecider).given([]).when(draft()).then([drafted]);
    spec(postingDecider).given([drafted]).when(draft()).thenNothing();
  });

  it('rounds a householder’s home to about 100 m on the public map', () => {
    spec(postingDecider)
      .given([])
      .when({ ...draft(), employerKind: 'person' })
      .then([{ type: 'PostingDrafted', data: { ...details, location: { lng: 106.276, lat: 29.973 }, postingId: 'posting-1', employerId: 'employer-1', employerKind: 'person' } }]);
  });

  it('refuses a pay range upside down, a posting in the past, bad categories and pay modes', () => {
    spec(postingDecider).given([]).when(draft({ pay: { minFen: 5000, maxFen: 3000, unit: 'hour' } })).thenError('pay_range_inverted', 'pay.maxFen');
    spec(postingDecider).given([]).when(draft({ pay: { minFen: 25.5, maxFen: 3000, unit: 'hour' } })).thenError('validation_failed', 'pay.minFen');
    spec(postingDecider).given([]).when(draft({ validUntil: '2026-05-31T00:00:00.000Z' })).thenError('posting_in_past', 'validUntil');
    spec(postingDecider).given([]).when(draft({ validUntil: '2027-06-01T00:00:00.000Z' })).thenError('validation_failed', 'validUntil');
    spec(postingDecider).given([]).when(draft({ category: 'mining' as never })).thenError('validation_failed', 'category');
    spec(postingDecider).given([]).when(draft({ payMode: 'hourly' as never })).thenError('validation_failed', 'payMode');
    spec(postingDecider).given([]).when(draft({ headcount: 0 })).thenError('validation_failed', 'headcount');
    spec(postingDecider).given([]).when(draft({ location: { lng: 29.97, lat: 106.27 } })).thenError('validation_failed', 'location');
    spec(postingDecider).given([]).when(draft({ description: '联系电话 138 1234 5678' })).thenError('personal_data_in_text', 'description');
    spec(postingDecider).given([]).when(draft({ schedule: { slots: [{ day: 8, from: '08:00', to: '12:00' }], startDate: null, endDate: null } })).thenError('validation_failed', 'schedule.slots');
    spec(postingDecider).given([]).when({ ...draft(), employerStatus: 'suspended' }).thenError('employer_suspended');
  });

  it('is revised only as a draft, submitted, then opened by an officer for an approved employer only', () => {
    spec(postingDecider)
      .given([drafted])
      .when({ type: 'RevisePosting', details: samplePostingDetails({ headcount: 3 }) })
      .then([{ type: 'PostingRevised', data: { ...samplePostingDetails({ headcount: 3 }), postingId: 'posting-1' } }]);
    spec(postingDecider).given([drafted, submitted]).when({ type: 'RevisePosting', details }).thenError('posting_status_conflict');
    spec(postingDecider).given([drafted]).when({ type: 'SubmitPosting', employerStatus: 'registered' }).then([submitted]);
    spec(postingDecider).given([drafted, submitted]).when({ type: 'ApprovePosting', officerId: 'officer-1', employerStatus: 'approved' }).then([opened]);
    spec(postingDecider).given([drafted, submitted]).when({ type: 'ApprovePosting', officerId: 'officer-1', employerStatus: 'in_review' }).thenError('employer_not_approved');
    spec(postingDecider).given([drafted]).when({ type: 'ApprovePosting', officerId: 'officer-1', employerStatus: 'approved' }).thenError('posting_status_conflict');
    spec(postingDecider)
      .given([drafted, submitted])
      .when({ type: 'ReturnPosting', officerId: 'officer-1', reason: '工资写法不清楚' })
      .then([{ type: 'PostingReturned', data: { postingId: 'posting-1', officerId: 'officer-1', reason: '工资写法不清楚' } }]);
    spec(postingDecider).given([]).when({ type: 'SubmitPosting', employerStatus: 'approved' }).thenError('posting_not_found');
  });

  it('refuses to open a posting whose validity passed while it waited for review', () => {
    spec(postingDecider, new Date('2026-07-02T00:00:00.000Z')).given([drafted, submitted]).when({ type: 'ApprovePosting', officerId: 'officer-1', employerStatus: 'approved' }).thenError('posting_in_past', 'validUntil');
  });

  it('counts hires once each and is filled when the headcount is reached', () => {
    const first: PostingEvent = { type: 'PostingHireRecorded', data: { postingId: 'posting-1', applicationId: 'application-1', hired: 1, headcount: 2 } };
    spec(postingDecider).given([drafted, submitted, opened]).when({ type: 'RecordHire', applicationId: 'application-1' }).then([first]);
    spec(postingDecider).given([drafted, submitted, opened, first]).when({ type: 'RecordHire', applicationId: 'application-1' }).thenNothing();
    const filled: PostingEvent = { type: 'PostingFilled', data: { ...counted, hired: 2 } };
    spec(postingDecider)
      .given([drafted, submitted, opened, first])
      .when({ type: 'RecordHire', applicationId: 'application-2' })
      .then([{ type: 'PostingHireRecorded', data: { postingId: 'posting-1', applicationId: 'application-2', hired: 2, headcount: 2 } }, filled]);
    const second: PostingEvent = { type: 'PostingHireRecorded', data: { postingId: 'posting-1', applicationId: 'application-2', hired: 2, headcount: 2 } };
    spec(postingDecider).given([drafted, submitted, opened, first, second, filled]).when({ type: 'RecordHire', applicationId: 'application-3' }).thenError('posting_not_open');
    spec(postingDecider).given([drafted]).when({ type: 'RecordHire', applicationId: 'application-1' }).thenError('posting_not_open');
  });

  it('expires after its validity, is withdrawn by the employer, taken down by the union with a reason', () => {
    spec(postingDecider).given([drafted, submitted, opened]).when({ type: 'ExpirePosting' }).thenError('posting_not_due');
    spec(postingDecider, new Date('2026-07-01T00:00:00.000Z')).given([drafted, submitted, opened]).when({ type: 'ExpirePosting' }).then([{ type: 'PostingExpired', data: counted }]);
    const withdrawn: PostingEvent = { type: 'PostingWithdrawn', data: counted };
    spec(postingDecider).given([drafted, submitted, opened]).when({ type: 'WithdrawPosting' }).then([withdrawn]);
    spec(postingDecider).given([drafted, submitted, opened, withdrawn]).when({ type: 'WithdrawPosting' }).thenNothing();
    spec(postingDecider).given([drafted, submitted, opened, withdrawn]).when({ type: 'ExpirePosting' }).thenNothing();
    spec(postingDecider)
      .given([drafted, submitted, opened])
      .when({ type: 'TakeDownPosting', officerId: 'officer-1', reason: 'charges_fees', note: '要求求职者先交押金' })
      .then([{ type: 'PostingTakenDown', data: { ...counted, officerId: 'officer-1', reason: 'charges_fees', note: '要求求职者先交押金' } }]);
    spec(postingDecider).given([drafted, submitted, opened]).when({ type: 'TakeDownPosting', officerId: 'officer-1', reason: 'dislike' as never, note: null }).thenError('validation_failed', 'reason');
  });

  it('takes one abuse report per worker, on a published posting only', () => {
    const report = { type: 'ReportPosting' as const, reporterHash: 'h1', kind: 'fees' as const, note: '让先交200元' };
    const reported: PostingEvent = { type: 'PostingReported', data: { postingId: 'posting-1', reporterHash: 'h1', kind: 'fees', note: '让先交200元', reports: 1 } };
    spec(postingDecider).given([drafted, submitted, opened]).when(report).then([reported]);
    spec(postingDecider).given([drafted, submitted, opened, reported]).when(report).thenNothing();
    spec(postingDecider).given([drafted]).when(report).thenError('posting_status_conflict');
  });

  it('records 精准推送 matches of an open posting as one fact per seeker with a distance band, each seeker once', () => {
    const matched = (seekerId: string, distanceBand: string): PostingEvent => ({ type: 'PostingMatched', data: { postingId: 'posting-1', seekerId, distanceBand } as never });
    spec(postingDecider)
      .given([drafted, submitted, opened])
      .when({ type: 'RecordMatches', matches: [{ seekerId: 'seeker-1', distanceKm: 2.6 }, { seekerId: 'seeker-2', distanceKm: 0.4 }, { seekerId: 'seeker-1', distanceKm: 2.6 }, { seekerId: 'seeker-3', distanceKm: 12 }] })
      .then([matched('seeker-1', '3km'), matched('seeker-2', '1km'), matched('seeker-3', '20km')]);
    spec(postingDecider)
      .given([drafted, submitted, opened, matched('seeker-1', '3km')])
      .when({ type: 'RecordMatches', matches: [{ seekerId: 'seeker-1', distanceKm: 2.6 }, { seekerId: 'seeker-4', distanceKm: 5 }] })
      .then([matched('seeker-4', '5km')]);
    spec(postingDecider).given([drafted, submitted]).when({ type: 'RecordMatches', matches: [{ seekerId: 'seeker-1', distanceKm: 1 }] }).thenNothing();
    spec(postingDecider).given([drafted, submitted, opened, { type: 'PostingWithdrawn', data: counted }]).when({ type: 'RecordMatches', matches: [{ seekerId: 'seeker-1', distanceKm: 1 }] }).thenNothing();
  });
});
