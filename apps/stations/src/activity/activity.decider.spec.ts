import type { ActivityEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { activityDecider, type ActivityCommand } from './activity.decider';
import type { PlanActivity } from './plan-activity/plan-activity.command';

// The spec's clock: 2026-06-01 10:00 in Shanghai.
const ID = '0196f000-0000-7000-8000-00000000a001';
const STATION = '0196f000-0000-7000-8000-000000005001';
const activity = () => spec<ActivityCommand, ActivityEvent, ReturnType<typeof activityDecider.initialState>>(activityDecider);

const plan = (overrides: Partial<PlanActivity> = {}): PlanActivity => ({
  type: 'PlanActivity',
  activityId: ID,
  nodeCode: '330802',
  stationId: STATION,
  streetCode: null,
  station: { status: 'active', streetCode: '330802001', services: ['health_check'] },
  kind: 'health_clinic',
  title: ' 夏季义诊进驿站 ',
  organiser: '柯城区总工会',
  partners: ['衢州市人民医院', '衢州市人民医院', '文昌社区'],
  plannedOn: '2026-06-05',
  places: 2,
  service: 'health_check',
  ...overrides,
});

const planned = (overrides: Partial<Extract<ActivityEvent, { type: 'ActivityPlanned' }>['data']> = {}): ActivityEvent => ({
  type: 'ActivityPlanned',
  data: {
    activityId: ID, stationId: STATION, streetCode: '330802001', kind: 'health_clinic', title: '夏季义诊进驿站', organiser: '柯城区总工会',
    partners: ['衢州市人民医院', '文昌社区'], plannedOn: '2026-06-05', places: 2, service: 'health_check', ...overrides,
  },
});
const signedUp = (signupId: string, waitlisted: boolean): ActivityEvent => ({ type: 'ActivitySignedUp', data: { activityId: ID, signupId, waitlisted } });
const hold = (overrides: Record<string, unknown> = {}): ActivityCommand =>
  ({ type: 'HoldActivity', activityId: ID, heldOn: '2026-05-30', participants: 120, newFormParticipants: 80, photos: [], ...overrides }) as ActivityCommand;

describe('PlanActivity', () => {
  it('plans an activity at a station, in the station street, with its partners once each', () => {
    activity().given([]).when(plan()).then([planned()]);
  });

  it('plans a street activity without a station, in a street of the node', () => {
    activity()
      .given([])
      .when(plan({ stationId: null, station: null, streetCode: '330802003', kind: 'job_fair', service: null, places: null }))
      .then([planned({ stationId: null, streetCode: '330802003', kind: 'job_fair', service: null, places: null })]);
    activity().given([]).when(plan({ stationId: null, station: null, streetCode: '330803001', service: null })).thenError('invalid_street_code', 'streetCode');
    activity().given([]).when(plan({ stationId: null, station: null, streetCode: null })).thenError('invalid_street_code', 'streetCode');
  });

  it('refuses a closed or unknown station, and a service package the station does not offer', () => {
    activity().given([]).when(plan({ station: { status: 'closed', streetCode: '330802001', services: [] } })).thenError('activity_station_closed', 'stationId');
    activity().given([]).when(plan({ station: { status: 'unregistered', streetCode: null, services: [] } })).thenError('station_not_found', 'stationId');
    activity().given([]).when(plan({ service: 'job_fair' })).thenError('service_not_offered', 'service');
  });

  it('refuses an unknown kind, a blank title, a bad date, places out of range, and a second plan of the same id', () => {
    activity().given([]).when(plan({ kind: 'picnic' as never })).thenError('unknown_activity_kind', 'kind');
    activity().given([]).when(plan({ title: '  ' })).thenError('invalid_text', 'title');
    activity().given([]).when(plan({ plannedOn: '2026-02-30' })).thenError('invalid_activity_date', 'plannedOn');
    activity().given([]).when(plan({ places: 0 })).thenError('invalid_places', 'places');
    activity().given([planned()]).when(plan()).thenError('activity_already_planned', 'activityId');
  });
});

describe('HoldActivity', () => {
  const past = planned({ plannedOn: '2026-05-30' });

  it('records the day and the people reached, photos once each', () => {
    activity()
      .given([past])
      .when(hold({ photos: ['ph_0196f000-0000-7000-8000-000000000001', 'ph_0196f000-0000-7000-8000-000000000001'] }))
      .then([{ type: 'ActivityHeld', data: { activityId: ID, heldOn: '2026-05-30', participants: 120, newFormParticipants: 80, photos: ['ph_0196f000-0000-7000-8000-000000000001'] } }]);
  });

  it('refuses more new-form workers than participants, a day before the plan or after today, and a second record', () => {
    activity().given([past]).when(hold({ newFormParticipants: 121 })).thenError('new_form_exceeds_participants', 'newFormParticipants');
    activity().given([past]).when(hold({ heldOn: '2026-05-29' })).thenError('activity_held_before_planned', 'heldOn');
    activity().given([planned()]).when(hold({ heldOn: '2026-06-05' })).thenError('activity_held_in_future', 'heldOn');
    activity().given([past]).when(hold({ participants: -1 })).thenError('invalid_count', 'participants');
    activity().given([past]).when(hold({ photos: Array.from({ length: 10 }, (_, i) => `ph_${i}`) })).thenError('too_many_photos', 'photos');
    activity().given([past, { type: 'ActivityHeld', data: { activityId: ID, heldOn: '2026-05-30', participants: 1, newFormParticipants: 0, photos: [] } }]).when(hold()).thenError('activity_already_held');
  });

  it('refuses an activity that does not exist or was cancelled', () => {
    activity().given([]).when(hold()).thenError('activity_not_found');
    activity().given([past, { type: 'ActivityCancelled', data: { activityId: ID, reason: '暴雨' } }]).when(hold()).thenError('activity_cancelled');
  });
});

describe('CancelActivity and RescheduleActivity', () => {
  it('cancels once, and a second cancellation changes nothing', () => {
    const cancelled: ActivityEvent = { type: 'ActivityCancelled', data: { activityId: ID, reason: '台风预警' } };
    activity().given([planned()]).when({ type: 'CancelActivity', activityId: ID, reason: ' 台风预警 ' }).then([cancelled]);
    activity().given([planned(), cancelled]).when({ type: 'CancelActivity', activityId: ID, reason: '台风预警' }).thenNothing();
  });

  it('moves the planned day, and not the day of an activity already held', () => {
    activity()
      .given([planned()])
      .when({ type: 'RescheduleActivity', activityId: ID, plannedOn: '2026-06-08' })
      .then([{ type: 'ActivityRescheduled', data: { activityId: ID, plannedOn: '2026-06-08', previousPlannedOn: '2026-06-05' } }]);
    activity().given([planned()]).when({ type: 'RescheduleActivity', activityId: ID, plannedOn: '2026-06-05' }).thenNothing();
  });
});

describe('SignUp and WithdrawSignUp', () => {
  const signUp = (signupId: string): ActivityCommand => ({ type: 'SignUp', activityId: ID, signupId });
  const withdraw = (signupId: string): ActivityCommand => ({ type: 'WithdrawSignUp', activityId: ID, signupId });

  it('gives places first, then the waiting list, then refuses; the same device twice changes nothing', () => {
    activity().given([planned()]).when(signUp('a')).then([signedUp('a', false)]);
    activity().given([planned(), signedUp('a', false)]).when(signUp('a')).thenNothing();
    activity().given([planned(), signedUp('a', false), signedUp('b', false)]).when(signUp('c')).then([signedUp('c', true)]);
    activity()
      .given([planned(), signedUp('a', false), signedUp('b', false), signedUp('c', true), signedUp('d', true)])
      .when(signUp('e'))
      .thenError('activity_full');
  });

  it('gives a freed place to the first waiting', () => {
    const full = [planned(), signedUp('a', false), signedUp('b', false), signedUp('c', true), signedUp('d', true)];
    activity().given(full).when(withdraw('a')).then([{ type: 'ActivitySignUpWithdrawn', data: { activityId: ID, signupId: 'a', waitlisted: false, promoted: 'c' } }]);
    activity().given(full).when(withdraw('d')).then([{ type: 'ActivitySignUpWithdrawn', data: { activityId: ID, signupId: 'd', waitlisted: true, promoted: null } }]);
    activity().given(full).when(withdraw('z')).thenNothing();
    // After c took a's place, the next freed place goes to d.
    const promoted: ActivityEvent = { type: 'ActivitySignUpWithdrawn', data: { activityId: ID, signupId: 'a', waitlisted: false, promoted: 'c' } };
    activity().given([...full, promoted]).when(withdraw('c')).then([{ type: 'ActivitySignUpWithdrawn', data: { activityId: ID, signupId: 'c', waitlisted: false, promoted: 'd' } }]);
  });

  it('refuses sign-up where the activity takes none, after its day, or once held', () => {
    activity().given([planned({ places: null })]).when(signUp('a')).thenError('activity_takes_no_signups');
    activity().given([planned({ plannedOn: '2026-05-31' })]).when(signUp('a')).thenError('activity_signup_closed');
    activity()
      .given([planned({ plannedOn: '2026-06-01' }), { type: 'ActivityHeld', data: { activityId: ID, heldOn: '2026-06-01', participants: 3, newFormParticipants: 1, photos: [] } }])
      .when(signUp('a'))
      .thenError('activity_already_held');
  });
});
