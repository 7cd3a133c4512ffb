import type { FacilityCode, StationEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { STANDARDS } from '../catalogue/standards';
import { stationDecider } from './station.decider';
import { MANAGER_ID, OTHER_MANAGER_ID, registered, STATION_ID, suspended } from './station.fixtures';

const station = () => spec(stationDecider);
const SIX = STANDARDS.liu_you.required;
const facilitiesChanged = (facilities: FacilityCode[], added: FacilityCode[], removed: FacilityCode[]): StationEvent => ({
  type: 'FacilitiesChanged',
  data: { stationId: STATION_ID, facilities, added, removed },
});

describe('ChangeFacilities', () => {
  it('records the new set with what was added and removed', () => {
    station()
      .given([registered({ facilities: ['fridge', 'microwave'] })])
      .when({ type: 'ChangeFacilities', stationId: STATION_ID, facilities: ['toilet', 'microwave', 'first_aid_kit'] })
      .then([facilitiesChanged(['microwave', 'toilet', 'first_aid_kit'], ['toilet', 'first_aid_kit'], ['fridge'])]);
  });

  it('decides nothing for the same set in another order or with repeats', () => {
    station()
      .given([registered({ facilities: ['fridge', 'microwave'] })])
      .when({ type: 'ChangeFacilities', stationId: STATION_ID, facilities: ['microwave', 'fridge', 'fridge'] })
      .thenNothing();
  });

  it('may empty the list, and refuses unknown codes', () => {
    station()
      .given([registered({ facilities: ['fridge'] })])
      .when({ type: 'ChangeFacilities', stationId: STATION_ID, facilities: [] })
      .then([facilitiesChanged([], [], ['fridge'])]);
    station()
      .given([registered()])
      .when({ type: 'ChangeFacilities', stationId: STATION_ID, facilities: ['sauna' as FacilityCode] })
      .thenError('unknown_facility', 'facilities');
  });
});

describe('AssignManager', () => {
  it('assigns a new manager and names the previous one', () => {
    station()
      .given([registered()])
      .when({ type: 'AssignManager', stationId: STATION_ID, managerId: OTHER_MANAGER_ID })
      .then([{ type: 'ManagerAssigned', data: { stationId: STATION_ID, managerId: OTHER_MANAGER_ID, previousManagerId: MANAGER_ID } }]);
  });

  it('assigns the first manager of a station registered without one, also while suspended', () => {
    station()
      .given([registered({ managerId: null }), suspended])
      .when({ type: 'AssignManager', stationId: STATION_ID, managerId: MANAGER_ID })
      .then([{ type: 'ManagerAssigned', data: { stationId: STATION_ID, managerId: MANAGER_ID, previousManagerId: null } }]);
  });

  it('decides nothing for the current manager, and refuses a name for an id', () => {
    station().given([registered()]).when({ type: 'AssignManager', stationId: STATION_ID, managerId: MANAGER_ID }).thenNothing();
    station().given([registered()]).when({ type: 'AssignManager', stationId: STATION_ID, managerId: '站长老吴' }).thenError('invalid_manager_id', 'managerId');
  });
});

describe('PlanUpgrade', () => {
  it('plans an upgrade to 八有 listing what the station lacks', () => {
    station()
      .given([registered({ facilities: [...SIX] })])
      .when({ type: 'PlanUpgrade', stationId: STATION_ID, standard: 'ba_you', due: '2026-12-31' })
      .then([{ type: 'UpgradePlanned', data: { stationId: STATION_ID, standard: 'ba_you', lacking: ['toilet', 'first_aid_kit'], specialsLacking: 0, due: '2026-12-31' } }]);
  });

  it('counts the special ("+X") a 6+X station still needs', () => {
    station()
      .given([registered({ facilities: [...SIX] })])
      .when({ type: 'PlanUpgrade', stationId: STATION_ID, standard: 'six_plus_x', due: '2026-06-01' })
      .then([{ type: 'UpgradePlanned', data: { stationId: STATION_ID, standard: 'six_plus_x', lacking: [], specialsLacking: 1, due: '2026-06-01' } }]);
  });

  it('refuses a station that already meets the standard', () => {
    station().given([registered({ facilities: [...SIX] })]).when({ type: 'PlanUpgrade', stationId: STATION_ID, standard: 'liu_you', due: '2026-12-31' }).thenError('upgrade_not_needed');
  });

  it('refuses an unknown standard, a past or impossible due date', () => {
    station().given([registered()]).when({ type: 'PlanUpgrade', stationId: STATION_ID, standard: 'gold' as never, due: '2026-12-31' }).thenError('unknown_standard', 'standard');
    station().given([registered()]).when({ type: 'PlanUpgrade', stationId: STATION_ID, standard: 'ba_you', due: '2026-05-31' }).thenError('invalid_due_date', 'due');
    station().given([registered()]).when({ type: 'PlanUpgrade', stationId: STATION_ID, standard: 'ba_you', due: '2026-02-30' }).thenError('invalid_due_date', 'due');
  });

  it('replaces a plan with a new one, and decides nothing for the same plan', () => {
    const planned: StationEvent = { type: 'UpgradePlanned', data: { stationId: STATION_ID, standard: 'ba_you', lacking: ['toilet', 'first_aid_kit'], specialsLacking: 0, due: '2026-12-31' } };
    station().given([registered(), planned]).when({ type: 'PlanUpgrade', stationId: STATION_ID, standard: 'ba_you', due: '2026-12-31' }).thenNothing();
    station()
      .given([registered(), planned])
      .when({ type: 'PlanUpgrade', stationId: STATION_ID, standard: 'ba_you', due: '2027-03-31' })
      .then([{ type: 'UpgradePlanned', data: { stationId: STATION_ID, standard: 'ba_you', lacking: ['toilet', 'first_aid_kit'], specialsLacking: 0, due: '2027-03-31' } }]);
  });
});

describe('CompleteUpgrade', () => {
  const planned: StationEvent = { type: 'UpgradePlanned', data: { stationId: STATION_ID, standard: 'ba_you', lacking: ['toilet', 'first_aid_kit'], specialsLacking: 0, due: '2026-12-31' } };

  it('refuses without a plan', () => {
    station().given([registered()]).when({ type: 'CompleteUpgrade', stationId: STATION_ID }).thenError('no_upgrade_planned');
  });

  it('refuses while facilities are still missing, and says which', () => {
    const error = station()
      .given([registered({ facilities: [...SIX] }), planned, facilitiesChanged([...SIX, 'toilet'], ['toilet'], [])])
      .when({ type: 'CompleteUpgrade', stationId: STATION_ID })
      .thenError('upgrade_incomplete');
    expect(error.details).toEqual({ missing: ['first_aid_kit'], specialsLacking: 0 });
  });

  it('completes once the facilities meet the planned standard, and then has no plan left', () => {
    const upgraded = facilitiesChanged([...SIX, 'toilet', 'first_aid_kit'], ['toilet', 'first_aid_kit'], []);
    const completed: StationEvent = { type: 'UpgradeCompleted', data: { stationId: STATION_ID, standard: 'ba_you' } };
    station().given([registered({ facilities: [...SIX] }), planned, upgraded]).when({ type: 'CompleteUpgrade', stationId: STATION_ID }).then([completed]);
    station().given([registered({ facilities: [...SIX] }), planned, upgraded, completed]).when({ type: 'CompleteUpgrade', stationId: STATION_ID }).thenError('no_upgrade_planned');
  });

  it('counts an offered service as the special of a +X standard', () => {
    const plannedX: StationEvent = { type: 'UpgradePlanned', data: { stationId: STATION_ID, standard: 'six_plus_x', lacking: [], specialsLacking: 1, due: '2026-12-31' } };
    const offered: StationEvent = { type: 'ServiceOffered', data: { stationId: STATION_ID, service: 'tcm_wellness', schedule: { kind: 'weekly', slots: [{ day: 2, start: '09:00', end: '11:00' }] } } };
    station().given([registered({ facilities: [...SIX] }), plannedX]).when({ type: 'CompleteUpgrade', stationId: STATION_ID }).thenError('upgrade_incomplete');
    station()
      .given([registered({ facilities: [...SIX] }), plannedX, offered])
      .when({ type: 'CompleteUpgrade', stationId: STATION_ID })
      .then([{ type: 'UpgradeCompleted', data: { stationId: STATION_ID, standard: 'six_plus_x' } }]);
  });
});
