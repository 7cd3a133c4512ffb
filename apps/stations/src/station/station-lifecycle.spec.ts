import type { StationEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { stationDecider } from './station.decider';
import type { StationCommand } from './station.command';
import { closed, MANAGER_ID, registerCommand, registered, STATION_ID, suspended } from './station.fixtures';

const station = () => spec(stationDecider);

describe('RegisterStation', () => {
  it('given no station, registers it with its details, manager and facilities', () => {
    station().given([]).when(registerCommand()).then([registered()]);
  });

  it('normalises what it records: trimmed text, facilities deduplicated in catalogue order, hours sorted', () => {
    const command = registerCommand({
      name: '  文昌社区驿站 ',
      address: ' 文昌社区 ',
      facilities: ['toilet', 'fridge', 'toilet', 'air_conditioning'],
      hours: { open24h: false, weekly: [{ day: 3, open: '08:00', close: '12:00' }, { day: 1, open: '13:00', close: '18:00' }, { day: 1, open: '08:00', close: '12:00' }] },
    });
    const events = stationDecider.decide(command, stationDecider.initialState(), { now: new Date() }) as StationEvent[];
    expect(events).toHaveLength(1);
    const data = events[0]!.data as { name: string; address: string; facilities: string[]; hours: unknown };
    expect(data.name).toBe('文昌社区驿站');
    expect(data.address).toBe('文昌社区');
    expect(data.facilities).toEqual(['air_conditioning', 'fridge', 'toilet']);
    expect(data.hours).toEqual({
      open24h: false,
      weekly: [{ day: 1, open: '08:00', close: '12:00' }, { day: 1, open: '13:00', close: '18:00' }, { day: 3, open: '08:00', close: '12:00' }],
    });
  });

  it('accepts a 24 h station without community, seats, phone or manager', () => {
    const command = registerCommand({ hours: { open24h: true }, communityCode: null, seats: null, contactPhone: null, managerId: null, tier: 'street' });
    station().given([]).when(command).then([registered({ hours: { open24h: true }, communityCode: null, seats: null, contactPhone: null, managerId: null, tier: 'street' })]);
  });

  it('refuses a second registration of the same id, even after closing', () => {
    station().given([registered()]).when(registerCommand()).thenError('station_already_registered');
    station().given([registered(), closed]).when(registerCommand()).thenError('station_already_registered');
  });

  it.each([
    ['outside China (Tokyo)', { lng: 139.69, lat: 35.69 }],
    ['lng and lat swapped', { lng: 28.9417, lat: 118.8726 }],
    ['south of the box', { lng: 110.0, lat: 18.0 }],
    ['not a number', { lng: Number.NaN, lat: 30 }],
  ])('refuses a location %s', (_why, location) => {
    station().given([]).when(registerCommand({ location })).thenError('invalid_location', 'location');
  });

  it.each([
    ['overlapping periods', { open24h: false as const, weekly: [{ day: 1 as const, open: '08:00', close: '12:00' }, { day: 1 as const, open: '11:00', close: '14:00' }] }],
    ['a night period running into the next day\'s', { open24h: false as const, weekly: [{ day: 1 as const, open: '20:00', close: '02:00' }, { day: 2 as const, open: '01:00', close: '05:00' }] }],
    ['Sunday night overlapping Monday morning', { open24h: false as const, weekly: [{ day: 7 as const, open: '22:00', close: '06:00' }, { day: 1 as const, open: '05:00', close: '09:00' }] }],
    ['no periods', { open24h: false as const, weekly: [] }],
    ['a bad time', { open24h: false as const, weekly: [{ day: 1 as const, open: '8:00', close: '12:00' }] }],
    ['opening equal to closing', { open24h: false as const, weekly: [{ day: 1 as const, open: '08:00', close: '08:00' }] }],
    ['day 8', { open24h: false as const, weekly: [{ day: 8 as 1, open: '08:00', close: '12:00' }] }],
    ['24 h with weekly periods too', { open24h: true as const, weekly: [{ day: 1, open: '08:00', close: '12:00' }] } as never],
  ])('refuses opening hours with %s', (_why, hours) => {
    station().given([]).when(registerCommand({ hours })).thenError('invalid_opening_hours', 'hours');
  });

  it('accepts a period that closes after midnight when the next day starts later', () => {
    const hours = { open24h: false as const, weekly: [{ day: 5 as const, open: '18:00', close: '02:00' }, { day: 6 as const, open: '02:00', close: '10:00' }] };
    station().given([]).when(registerCommand({ hours })).then([registered({ hours })]);
  });

  it('refuses a bad street code, and a community outside its street', () => {
    station().given([]).when(registerCommand({ streetCode: '3308020' })).thenError('invalid_street_code', 'streetCode');
    station().given([]).when(registerCommand({ communityCode: '330802002001' })).thenError('invalid_community_code', 'communityCode');
  });

  it('refuses unknown facilities and names them', () => {
    const error = station().given([]).when(registerCommand({ facilities: ['fridge', 'jacuzzi' as never] })).thenError('unknown_facility', 'facilities');
    expect(error.details).toEqual({ unknown: ['jacuzzi'] });
  });

  it('refuses a manager given by name instead of id, a personal-looking phone format, bad seats, a blank name', () => {
    station().given([]).when(registerCommand({ managerId: '吴志强' })).thenError('invalid_manager_id', 'managerId');
    station().given([]).when(registerCommand({ contactPhone: 'call Mr Wu' })).thenError('invalid_contact_phone', 'contactPhone');
    station().given([]).when(registerCommand({ seats: -1 })).thenError('invalid_seats', 'seats');
    station().given([]).when(registerCommand({ name: '   ' })).thenError('invalid_text', 'name');
    station().given([]).when(registerCommand({ kind: 'spa' as never })).thenError('unknown_station_kind', 'kind');
  });
});

const everyCommandButRegister: StationCommand[] = [
  { type: 'UpdateStation', stationId: STATION_ID, changes: { name: '新名称' } },
  { type: 'RelocateStation', stationId: STATION_ID, streetCode: '330802002', communityCode: null, address: '新地址', location: { lng: 118.88, lat: 28.95 } },
  { type: 'SuspendStation', stationId: STATION_ID, reason: '装修', until: null },
  { type: 'ReopenStation', stationId: STATION_ID },
  { type: 'CloseStation', stationId: STATION_ID, reason: '撤场' },
  { type: 'ChangeFacilities', stationId: STATION_ID, facilities: ['toilet'] },
  { type: 'AssignManager', stationId: STATION_ID, managerId: MANAGER_ID },
  { type: 'PlanUpgrade', stationId: STATION_ID, standard: 'ba_you', due: '2026-12-31' },
  { type: 'CompleteUpgrade', stationId: STATION_ID },
  { type: 'OfferService', stationId: STATION_ID, service: 'legal_advice', schedule: { kind: 'weekly', slots: [{ day: 3, start: '14:00', end: '16:00' }] } },
  { type: 'WithdrawService', stationId: STATION_ID, service: 'legal_advice' },
  { type: 'ReviewStation', stationId: STATION_ID, year: 2025, scores: { facilities: 90, services: 90, management: 90 }, measured: { visits: 0, activities: 0, ratings: 0, ratingTotal: 0 } },
  { type: 'AwardHonour', stationId: STATION_ID, year: 2025, level: 'provincial', title: '最美工会户外劳动者服务站点' },
];

describe('a station that does not exist', () => {
  it.each(everyCommandButRegister.map((command) => [command.type, command] as const))('refuses %s with station_not_found', (_type, command) => {
    station().given([]).when(command).thenError('station_not_found');
  });
});

describe('a closed station', () => {
  it.each(everyCommandButRegister.map((command) => [command.type, command] as const))('refuses %s with station_closed', (_type, command) => {
    station().given([registered(), closed]).when(command).thenError('station_closed');
  });
});

describe('UpdateStation', () => {
  it('records only the fields that differ', () => {
    station()
      .given([registered()])
      .when({ type: 'UpdateStation', stationId: STATION_ID, changes: { name: ' 文昌社区37°C工会驿站 ', seats: 20, contactPhone: null } })
      .then([{ type: 'StationUpdated', data: { stationId: STATION_ID, changes: { seats: 20, contactPhone: null } } }]);
  });

  it('changes opening hours to 24 h', () => {
    station()
      .given([registered()])
      .when({ type: 'UpdateStation', stationId: STATION_ID, changes: { hours: { open24h: true } } })
      .then([{ type: 'StationUpdated', data: { stationId: STATION_ID, changes: { hours: { open24h: true } } } }]);
  });

  it('decides nothing when every field already has the sent value, however the hours are ordered', () => {
    const weekly = [...(registerCommand().hours as { weekly: Array<{ day: 1; open: string; close: string }> }).weekly].reverse();
    station()
      .given([registered()])
      .when({ type: 'UpdateStation', stationId: STATION_ID, changes: { tier: 'community', hours: { open24h: false, weekly } } })
      .thenNothing();
  });

  it('sees an earlier update when deciding', () => {
    const renamed: StationEvent = { type: 'StationUpdated', data: { stationId: STATION_ID, changes: { name: '暖心驿站' } } };
    station().given([registered(), renamed]).when({ type: 'UpdateStation', stationId: STATION_ID, changes: { name: '暖心驿站' } }).thenNothing();
  });

  it('works on a suspended station, and refuses invalid hours', () => {
    station()
      .given([registered(), suspended])
      .when({ type: 'UpdateStation', stationId: STATION_ID, changes: { host: 'bank' } })
      .then([{ type: 'StationUpdated', data: { stationId: STATION_ID, changes: { host: 'bank' } } }]);
    station()
      .given([registered()])
      .when({ type: 'UpdateStation', stationId: STATION_ID, changes: { hours: { open24h: false, weekly: [] } } })
      .thenError('invalid_opening_hours');
  });
});

describe('RelocateStation', () => {
  const place = { streetCode: '330802002', communityCode: '330802002004', address: '柯城区荷花街道', location: { lng: 118.86, lat: 28.97 } };

  it('moves the station', () => {
    station()
      .given([registered()])
      .when({ type: 'RelocateStation', stationId: STATION_ID, ...place })
      .then([{ type: 'StationRelocated', data: { stationId: STATION_ID, ...place } }]);
  });

  it('decides nothing when the place is the same', () => {
    const { streetCode, communityCode, address, location } = registerCommand();
    station().given([registered()]).when({ type: 'RelocateStation', stationId: STATION_ID, streetCode, communityCode, address, location }).thenNothing();
  });

  it('refuses coordinates outside China', () => {
    station()
      .given([registered()])
      .when({ type: 'RelocateStation', stationId: STATION_ID, ...place, location: { lng: 0, lat: 0 } })
      .thenError('invalid_location', 'location');
  });
});

describe('SuspendStation / ReopenStation / CloseStation', () => {
  it('suspends an active station, with the announced reopening normalised to UTC', () => {
    station()
      .given([registered()])
      .when({ type: 'SuspendStation', stationId: STATION_ID, reason: ' 场地装修 ', until: '2026-07-01T08:00:00+08:00' })
      .then([{ type: 'StationSuspended', data: { stationId: STATION_ID, reason: '场地装修', until: '2026-07-01T00:00:00.000Z' } }]);
  });

  it('refuses to suspend a suspended station', () => {
    station().given([registered(), suspended]).when({ type: 'SuspendStation', stationId: STATION_ID, reason: '再次', until: null }).thenError('station_already_suspended');
  });

  it('refuses a reopening date in the past or not a zoned instant, and a blank reason', () => {
    station().given([registered()]).when({ type: 'SuspendStation', stationId: STATION_ID, reason: '装修', until: '2026-05-31T00:00:00Z' }).thenError('invalid_suspension_end', 'until');
    station().given([registered()]).when({ type: 'SuspendStation', stationId: STATION_ID, reason: '装修', until: '2026-07-01 08:00' }).thenError('invalid_suspension_end', 'until');
    station().given([registered()]).when({ type: 'SuspendStation', stationId: STATION_ID, reason: ' ', until: null }).thenError('invalid_text', 'reason');
  });

  it('reopens only a suspended station', () => {
    station().given([registered(), suspended]).when({ type: 'ReopenStation', stationId: STATION_ID }).then([{ type: 'StationReopened', data: { stationId: STATION_ID } }]);
    station().given([registered()]).when({ type: 'ReopenStation', stationId: STATION_ID }).thenError('station_not_suspended');
    const reopened: StationEvent = { type: 'StationReopened', data: { stationId: STATION_ID } };
    station().given([registered(), suspended, reopened]).when({ type: 'ReopenStation', stationId: STATION_ID }).thenError('station_not_suspended');
  });

  it('suspends again after reopening', () => {
    const reopened: StationEvent = { type: 'StationReopened', data: { stationId: STATION_ID } };
    station()
      .given([registered(), suspended, reopened])
      .when({ type: 'SuspendStation', stationId: STATION_ID, reason: '台风', until: null })
      .then([{ type: 'StationSuspended', data: { stationId: STATION_ID, reason: '台风', until: null } }]);
  });

  it('closes an active or a suspended station, with a reason', () => {
    const closing: StationCommand = { type: 'CloseStation', stationId: STATION_ID, reason: '合作单位撤场' };
    station().given([registered()]).when(closing).then([closed]);
    station().given([registered(), suspended]).when(closing).then([closed]);
    station().given([registered()]).when({ ...closing, reason: '' }).thenError('invalid_text', 'reason');
  });
});
