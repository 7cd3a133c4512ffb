import type { ServiceSchedule, StationEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { stationDecider } from './station.decider';
import { registered, STATION_ID, suspended } from './station.fixtures';

const station = () => spec(stationDecider);
const weekly: ServiceSchedule = { kind: 'weekly', slots: [{ day: 3, start: '14:00', end: '16:00' }] };
const offered = (schedule: ServiceSchedule): StationEvent => ({ type: 'ServiceOffered', data: { stationId: STATION_ID, service: 'legal_advice', schedule } });

describe('OfferService', () => {
  it('offers legal advice every Wednesday afternoon', () => {
    station().given([registered()]).when({ type: 'OfferService', stationId: STATION_ID, service: 'legal_advice', schedule: weekly }).then([offered(weekly)]);
  });

  it('offers a health-check day as dated sessions, sorted, also while suspended', () => {
    const sent: ServiceSchedule = { kind: 'sessions', sessions: [{ date: '2026-07-02', start: '09:00', end: '11:30' }, { date: '2026-06-01', start: '14:00', end: '17:00' }] };
    const recorded: ServiceSchedule = { kind: 'sessions', sessions: [{ date: '2026-06-01', start: '14:00', end: '17:00' }, { date: '2026-07-02', start: '09:00', end: '11:30' }] };
    station()
      .given([registered(), suspended])
      .when({ type: 'OfferService', stationId: STATION_ID, service: 'health_check', schedule: sent })
      .then([{ type: 'ServiceOffered', data: { stationId: STATION_ID, service: 'health_check', schedule: recorded } }]);
  });

  it('decides nothing when the same schedule is offered again, and replaces a different one', () => {
    station().given([registered(), offered(weekly)]).when({ type: 'OfferService', stationId: STATION_ID, service: 'legal_advice', schedule: weekly }).thenNothing();
    const friday: ServiceSchedule = { kind: 'weekly', slots: [{ day: 5, start: '09:00', end: '11:00' }] };
    station().given([registered(), offered(weekly)]).when({ type: 'OfferService', stationId: STATION_ID, service: 'legal_advice', schedule: friday }).then([offered(friday)]);
  });

  it('refuses an unknown service', () => {
    station().given([registered()]).when({ type: 'OfferService', stationId: STATION_ID, service: 'karaoke' as never, schedule: weekly }).thenError('unknown_service', 'service');
  });

  it.each<[string, ServiceSchedule]>([
    ['no slots', { kind: 'weekly', slots: [] }],
    ['a slot ending before it starts', { kind: 'weekly', slots: [{ day: 1, start: '16:00', end: '14:00' }] }],
    ['overlapping slots on one day', { kind: 'weekly', slots: [{ day: 1, start: '09:00', end: '11:00' }, { day: 1, start: '10:30', end: '12:00' }] }],
    ['day 0', { kind: 'weekly', slots: [{ day: 0 as 1, start: '09:00', end: '11:00' }] }],
    ['a session in the past', { kind: 'sessions', sessions: [{ date: '2026-05-31', start: '09:00', end: '11:00' }] }],
    ['an impossible date', { kind: 'sessions', sessions: [{ date: '2026-06-31', start: '09:00', end: '11:00' }] }],
    ['a bad time', { kind: 'sessions', sessions: [{ date: '2026-06-02', start: '9am', end: '11:00' }] }],
    ['an unknown kind', { kind: 'monthly' } as never],
  ])('refuses a schedule with %s', (_why, schedule) => {
    station().given([registered()]).when({ type: 'OfferService', stationId: STATION_ID, service: 'legal_advice', schedule }).thenError('invalid_schedule', 'schedule');
  });

  it('accepts back-to-back slots', () => {
    const schedule: ServiceSchedule = { kind: 'weekly', slots: [{ day: 1, start: '09:00', end: '11:00' }, { day: 1, start: '11:00', end: '12:00' }] };
    station().given([registered()]).when({ type: 'OfferService', stationId: STATION_ID, service: 'legal_advice', schedule }).then([offered(schedule)]);
  });
});

describe('WithdrawService', () => {
  it('withdraws an offered service', () => {
    station()
      .given([registered(), offered(weekly)])
      .when({ type: 'WithdrawService', stationId: STATION_ID, service: 'legal_advice' })
      .then([{ type: 'ServiceWithdrawn', data: { stationId: STATION_ID, service: 'legal_advice' } }]);
  });

  it('refuses a service not offered, also once withdrawn', () => {
    const withdrawn: StationEvent = { type: 'ServiceWithdrawn', data: { stationId: STATION_ID, service: 'legal_advice' } };
    station().given([registered()]).when({ type: 'WithdrawService', stationId: STATION_ID, service: 'legal_advice' }).thenError('service_not_offered');
    station().given([registered(), offered(weekly), withdrawn]).when({ type: 'WithdrawService', stationId: STATION_ID, service: 'legal_advice' }).thenError('service_not_offered');
    station().given([registered()]).when({ type: 'WithdrawService', stationId: STATION_ID, service: 'nope' as never }).thenError('unknown_service');
  });
});
