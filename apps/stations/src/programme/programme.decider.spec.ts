import type { ProgrammeEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import type { LaunchProgramme } from './launch-programme/launch-programme.command';
import type { RecordDelivery } from './record-delivery/record-delivery.command';
import { type ProgrammeCommand, programmeDecider } from './programme.decider';

// The spec's clock: 2026-06-01 10:00 in Shanghai.
const PROGRAMME = '0196f000-0000-7000-8000-00000000d001';
const STATION = '0196f000-0000-7000-8000-000000005001';
const programme = () => spec<ProgrammeCommand, ProgrammeEvent, ReturnType<typeof programmeDecider.initialState>>(programmeDecider);
const openStation = { status: 'active' as const, streetCode: '330502001', services: [] };

const terms = { programmeId: PROGRAMME, kind: 'health_check' as const, title: '户外劳动者健康体检', target: 1000, places: 10, minNewFormSharePercent: 20, startsOn: '2026-03-01', endsOn: '2026-11-30' };
const launch = (overrides: Partial<LaunchProgramme> = {}): LaunchProgramme => ({ type: 'LaunchProgramme', ...terms, ...overrides });
const launched: ProgrammeEvent = { type: 'ProgrammeLaunched', data: terms };
const deliver = (overrides: Partial<RecordDelivery> = {}): RecordDelivery => ({
  type: 'RecordDelivery', programmeId: PROGRAMME, deliveryId: 'd1', nodeCode: '330502', stationId: STATION, streetCode: null, station: openStation,
  deliveredOn: '2026-05-20', people: 100, newFormPeople: 30, places: 1, ...overrides,
});
const delivered = (people: number, newFormPeople: number, places = 1, deliveryId = 'd1'): ProgrammeEvent => ({
  type: 'ProgrammeDelivered',
  data: { programmeId: PROGRAMME, deliveryId, kind: 'health_check', stationId: STATION, streetCode: '330502001', deliveredOn: '2026-05-20', people, newFormPeople, places },
});

describe('LaunchProgramme', () => {
  it('launches a programme with a target, places and a share rule', () => {
    programme().given([]).when(launch({ title: ' 户外劳动者健康体检 ' })).then([launched]);
    programme().given([launched]).when(launch()).thenError('programme_already_launched', 'programmeId');
  });

  it('refuses a share rule that is not a percentage, a target of none, and a period out of order', () => {
    programme().given([]).when(launch({ minNewFormSharePercent: 120 })).thenError('invalid_quota_rule', 'minNewFormSharePercent');
    programme().given([]).when(launch({ minNewFormSharePercent: 12.5 })).thenError('invalid_quota_rule', 'minNewFormSharePercent');
    programme().given([]).when(launch({ target: 0 })).thenError('invalid_programme_target', 'target');
    programme().given([]).when(launch({ places: 0 })).thenError('invalid_places', 'places');
    programme().given([]).when(launch({ endsOn: '2026-02-01' })).thenError('invalid_programme_period', 'endsOn');
    programme().given([]).when(launch({ kind: 'banquet' as never })).thenError('unknown_programme_kind', 'kind');
  });
});

describe('RecordDelivery', () => {
  it('counts people served against the target, at an open station', () => {
    programme().given([launched]).when(deliver()).then([delivered(100, 30)]);
  });

  it('refuses a delivery after which the 20 % rule cannot be met, even were the rest all new-form workers', () => {
    // 900 served, 0 new-form: the last 100 of the target cannot bring 200 new-form people.
    programme().given([launched]).when(deliver({ people: 900, newFormPeople: 0 })).thenError('programme_quota_unreachable', 'newFormPeople');
    // 800 served, 0 new-form: the last 200 can, just.
    programme().given([launched]).when(deliver({ people: 800, newFormPeople: 0 })).then([delivered(800, 0)]);
    // Past the target the share itself must hold: 1 100 people, 219 new-form is under 20 %.
    programme().given([launched, delivered(1000, 200)]).when(deliver({ deliveryId: 'd2', people: 100, newFormPeople: 19 })).thenError('programme_quota_unreachable', 'newFormPeople');
    programme().given([launched, delivered(1000, 200)]).when(deliver({ deliveryId: 'd2', people: 100, newFormPeople: 20 })).then([delivered(100, 20, 1, 'd2')]);
  });

  it('uses no more places than the programme has, and records only within its period, by today', () => {
    programme().given([launched, delivered(100, 30, 9)]).when(deliver({ places: 2 })).thenError('programme_places_exhausted', 'places');
    programme().given([launched]).when(deliver({ deliveredOn: '2026-02-28' })).thenError('invalid_delivery_date', 'deliveredOn');
    programme().given([launched]).when(deliver({ deliveredOn: '2026-06-02' })).thenError('invalid_delivery_date', 'deliveredOn');
    programme().given([launched]).when(deliver({ newFormPeople: 101 })).thenError('new_form_exceeds_participants', 'newFormPeople');
  });

  it('refuses a closed station, a closed programme and one never launched', () => {
    programme().given([launched]).when(deliver({ station: { ...openStation, status: 'closed' } })).thenError('programme_station_closed', 'stationId');
    programme().given([launched, { type: 'ProgrammeClosed', data: { programmeId: PROGRAMME, closedOn: '2026-05-30' } }]).when(deliver()).thenError('programme_closed');
    programme().given([]).when(deliver()).thenError('programme_not_found');
  });
});
