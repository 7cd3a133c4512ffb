import type { FairEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { fairDecider } from './fair.decider';
import type { FairCommand } from './fair.decider';

// The spec helper's now is 2026-06-01T02:00Z.
const plan = { title: '江亭社区春风行动招聘会', format: 'onsite' as const, stationId: 'station-1', streetCode: '500117001', startsAt: '2026-06-10T01:00:00.000Z', endsAt: '2026-06-10T05:00:00.000Z' };
const schedule = (overrides: Partial<typeof plan> | { stationId: null; format: 'online' } = {}): FairCommand => ({ type: 'ScheduleFair', fairId: 'fair-1', officerId: 'officer-1', ...plan, ...overrides });
const scheduled: FairEvent = { type: 'FairScheduled', data: { fairId: 'fair-1', ...plan, officerId: 'officer-1' } };
/** The same fair, already under way at the spec's now. */
const started: FairEvent = { type: 'FairScheduled', data: { ...scheduled.data, startsAt: '2026-06-01T01:00:00.000Z', endsAt: '2026-06-01T05:00:00.000Z' } } as FairEvent;
const employerAttached: FairEvent = { type: 'FairEmployerAttached', data: { fairId: 'fair-1', employerId: 'employer-1' } };
const postingAttached: FairEvent = { type: 'FairPostingAttached', data: { fairId: 'fair-1', postingId: 'posting-1', employerId: 'employer-1', category: 'housekeeping' } };
const attach = (overrides: Partial<Extract<FairCommand, { type: 'AttachPosting' }>> = {}): FairCommand => ({
  type: 'AttachPosting',
  postingId: 'posting-1',
  employerId: 'employer-1',
  category: 'housekeeping',
  postingStatus: 'open',
  employerStatus: 'approved',
  ...overrides,
});

describe('fair decider', () => {
  it('schedules a fair at a station or online; the same command again changes nothing', () => {
    spec(fairDecider).given([]).when(schedule()).then([scheduled]);
    spec(fairDecider).given([scheduled]).when(schedule()).thenNothing();
    spec(fairDecider)
      .given([])
      .when(schedule({ format: 'online', stationId: null }))
      .then([{ type: 'FairScheduled', data: { fairId: 'fair-1', ...plan, format: 'online', stationId: null, officerId: 'officer-1' } }]);
  });

  it('refuses a fair in the past, one ending before it starts, an onsite fair without a station, an online one with a station', () => {
    spec(fairDecider).given([]).when(schedule({ startsAt: '2026-05-31T01:00:00.000Z' })).thenError('fair_in_past', 'startsAt');
    spec(fairDecider).given([]).when(schedule({ endsAt: '2026-06-10T00:00:00.000Z' })).thenError('fair_ends_before_start', 'endsAt');
    spec(fairDecider).given([]).when(schedule({ endsAt: '2026-06-20T00:00:00.000Z' })).thenError('validation_failed', 'endsAt');
    spec(fairDecider).given([]).when(schedule({ stationId: null } as never)).thenError('validation_failed', 'stationId');
    spec(fairDecider).given([]).when(schedule({ format: 'online' } as never)).thenError('validation_failed', 'stationId');
    spec(fairDecider).given([]).when(schedule({ format: 'webinar' } as never)).thenError('validation_failed', 'format');
    spec(fairDecider).given([]).when(schedule({ title: '' })).thenError('validation_failed', 'title');
    spec(fairDecider).given([]).when(schedule({ title: '联系 13812345678 报名' })).thenError('personal_data_in_text', 'title');
  });

  it('attaches approved employers and their open postings (the employer with its first posting), once each', () => {
    spec(fairDecider).given([scheduled]).when({ type: 'AttachEmployer', employerId: 'employer-1', employerStatus: 'approved' }).then([employerAttached]);
    spec(fairDecider).given([scheduled, employerAttached]).when({ type: 'AttachEmployer', employerId: 'employer-1', employerStatus: 'approved' }).thenNothing();
    spec(fairDecider).given([scheduled]).when(attach()).then([employerAttached, postingAttached]);
    spec(fairDecider).given([scheduled, employerAttached]).when(attach()).then([postingAttached]);
    spec(fairDecider).given([scheduled, employerAttached, postingAttached]).when(attach()).thenNothing();
  });

  it('refuses a posting that is not open, an employer not approved, and anything on a fair that is over', () => {
    spec(fairDecider).given([scheduled]).when(attach({ postingStatus: 'expired' })).thenError('posting_not_open', 'postingId');
    spec(fairDecider).given([scheduled]).when(attach({ postingStatus: 'in_review' })).thenError('posting_not_open', 'postingId');
    spec(fairDecider).given([scheduled]).when(attach({ postingStatus: 'none' })).thenError('posting_not_found', 'postingId');
    spec(fairDecider).given([scheduled]).when(attach({ employerStatus: 'suspended' })).thenError('employer_not_approved', 'employerId');
    spec(fairDecider).given([scheduled]).when({ type: 'AttachEmployer', employerId: 'employer-2', employerStatus: 'in_review' }).thenError('employer_not_approved', 'employerId');
    const cancelled: FairEvent = { type: 'FairCancelled', data: { fairId: 'fair-1', streetCode: '500117001', officerId: 'officer-1', reason: '暴雨' } };
    spec(fairDecider).given([scheduled, cancelled]).when(attach()).thenError('fair_status_conflict');
    spec(fairDecider).given([]).when(attach()).thenError('fair_not_found');
  });

  it('counts attendance and intentions per attached posting once the fair has started, without anyone named', () => {
    spec(fairDecider).given([started]).when({ type: 'CountAttendance', entryId: null, count: 120 }).then([{ type: 'FairAttendanceCounted', data: { fairId: 'fair-1', entryId: null, streetCode: '500117001', count: 120, total: 120 } }]);
    spec(fairDecider)
      .given([started, { type: 'FairAttendanceCounted', data: { fairId: 'fair-1', entryId: null, streetCode: '500117001', count: 120, total: 120 } }])
      .when({ type: 'CountAttendance', entryId: null, count: 30 })
      .then([{ type: 'FairAttendanceCounted', data: { fairId: 'fair-1', entryId: null, streetCode: '500117001', count: 30, total: 150 } }]);
    const three: FairEvent = { type: 'FairIntentionsRecorded', data: { fairId: 'fair-1', entryId: null, postingId: 'posting-1', category: 'housekeeping', streetCode: '500117001', count: 3, total: 3 } };
    spec(fairDecider).given([started, employerAttached, postingAttached]).when({ type: 'RecordIntentions', entryId: null, postingId: 'posting-1', count: 3 }).then([three]);
    spec(fairDecider)
      .given([started, employerAttached, postingAttached, three])
      .when({ type: 'RecordIntentions', entryId: null, postingId: 'posting-1', count: 2 })
      .then([{ type: 'FairIntentionsRecorded', data: { fairId: 'fair-1', entryId: null, postingId: 'posting-1', category: 'housekeeping', streetCode: '500117001', count: 2, total: 5 } }]);
  });

  it('counts a retried entry once', () => {
    const entry: FairEvent = { type: 'FairAttendanceCounted', data: { fairId: 'fair-1', entryId: 'entry-1', streetCode: '500117001', count: 40, total: 40 } };
    spec(fairDecider).given([started]).when({ type: 'CountAttendance', entryId: 'entry-1', count: 40 }).then([entry]);
    spec(fairDecider).given([started, entry]).when({ type: 'CountAttendance', entryId: 'entry-1', count: 40 }).thenNothing();
    spec(fairDecider).given([started, employerAttached, postingAttached, entry]).when({ type: 'RecordIntentions', entryId: 'entry-1', postingId: 'posting-1', count: 2 }).thenNothing();
  });

  it('refuses counting before the fair starts, for a posting not attached, or a count that is not a positive whole number', () => {
    spec(fairDecider).given([scheduled]).when({ type: 'CountAttendance', entryId: null, count: 10 }).thenError('fair_not_started');
    spec(fairDecider).given([started]).when({ type: 'RecordIntentions', entryId: null, postingId: 'posting-9', count: 1 }).thenError('fair_posting_not_attached', 'postingId');
    spec(fairDecider).given([started]).when({ type: 'CountAttendance', entryId: null, count: 0 }).thenError('validation_failed', 'count');
    spec(fairDecider).given([started]).when({ type: 'CountAttendance', entryId: null, count: 2.5 }).thenError('validation_failed', 'count');
  });

  it('is held once started, with its totals; cancelled only before anyone was counted', () => {
    const counted: FairEvent = { type: 'FairAttendanceCounted', data: { fairId: 'fair-1', entryId: null, streetCode: '500117001', count: 80, total: 80 } };
    const held: FairEvent = { type: 'FairHeld', data: { fairId: 'fair-1', format: 'onsite', streetCode: '500117001', attendance: 80, intentions: 0 } };
    spec(fairDecider).given([started, counted]).when({ type: 'MarkFairHeld' }).then([held]);
    spec(fairDecider).given([started, counted, held]).when({ type: 'MarkFairHeld' }).thenNothing();
    spec(fairDecider).given([scheduled]).when({ type: 'MarkFairHeld' }).thenError('fair_not_started');
    spec(fairDecider)
      .given([scheduled])
      .when({ type: 'CancelFair', officerId: 'officer-1', reason: '暴雨预警' })
      .then([{ type: 'FairCancelled', data: { fairId: 'fair-1', streetCode: '500117001', officerId: 'officer-1', reason: '暴雨预警' } }]);
    spec(fairDecider).given([started, counted]).when({ type: 'CancelFair', officerId: 'officer-1', reason: '暴雨预警' }).thenError('fair_status_conflict');
    spec(fairDecider).given([started, counted, held]).when({ type: 'CancelFair', officerId: 'officer-1', reason: '暴雨预警' }).thenError('fair_status_conflict');
    spec(fairDecider).given([scheduled]).when({ type: 'CancelFair', officerId: 'officer-1', reason: '' }).thenError('validation_failed', 'reason');
  });
});
