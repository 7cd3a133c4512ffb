import type {
  FacilityCode,
  HonourLevel,
  ServiceCode,
  ServiceSchedule,
  StandardCode,
  StarRating,
  StationDetails,
  StationEvent,
  StationClass,
  StationNoticePublished,
  StationStatus,
} from '@ws/contracts';
import { assertNever } from '@ws/kernel';

/** What the decider needs to know about one station, folded from its stream. */
export interface StationState {
  status: 'unregistered' | StationStatus;
  details: StationDetails | null;
  managerId: string | null;
  facilities: FacilityCode[];
  services: Partial<Record<ServiceCode, ServiceSchedule>>;
  upgrade: { standard: StandardCode; due: string } | null;
  /** The latest reviewed year and its stars (the station's current rating). */
  review: { year: number; stars: StarRating } | null;
  honours: Array<{ year: number; level: HonourLevel; title: string }>;
  /** The public notice (公示) as last published. */
  notice: StationNoticePublished['data'] | null;
  stationClass: StationClass | null;
}

export function initialStationState(): StationState {
  return { status: 'unregistered', details: null, managerId: null, facilities: [], services: {}, upgrade: null, review: null, honours: [], notice: null, stationClass: null };
}

export function evolveStation(state: StationState, event: StationEvent): StationState {
  switch (event.type) {
    case 'StationRegistered': {
      const { stationId: _id, managerId, facilities, ...details } = event.data;
      return { ...initialStationState(), status: 'active', details, managerId, facilities };
    }
    case 'StationUpdated':
      return { ...state, details: { ...state.details!, ...event.data.changes } };
    case 'StationRelocated': {
      const { stationId: _id, ...place } = event.data;
      return { ...state, details: { ...state.details!, ...place } };
    }
    case 'StationSuspended':
      return { ...state, status: 'suspended' };
    case 'StationReopened':
      return { ...state, status: 'active' };
    case 'StationClosed':
      return { ...state, status: 'closed' };
    case 'FacilitiesChanged':
      return { ...state, facilities: event.data.facilities };
    case 'ManagerAssigned':
      return { ...state, managerId: event.data.managerId };
    case 'UpgradePlanned':
      return { ...state, upgrade: { standard: event.data.standard, due: event.data.due } };
    case 'UpgradeCompleted':
      return { ...state, upgrade: null };
    case 'ServiceOffered':
      return { ...state, services: { ...state.services, [event.data.service]: event.data.schedule } };
    case 'ServiceWithdrawn': {
      const { [event.data.service]: _withdrawn, ...services } = state.services;
      return { ...state, services };
    }
    case 'StationReviewed':
      return { ...state, review: { year: event.data.year, stars: event.data.stars } };
    case 'HonourAwarded': {
      const { year, level, title } = event.data;
      return { ...state, honours: [...state.honours, { year, level, title }] };
    }
    case 'StationNoticePublished':
      return { ...state, notice: event.data };
    case 'StationClassified':
      return { ...state, stationClass: event.data.stationClass };
    // Events of the context's other streams (node standards, check-ins) never reach a station stream.
    case 'StandardAdopted':
    case 'VisitsRecorded':
      return state;
    default:
      return assertNever(event, 'station event');
  }
}

export function offeredServices(state: StationState): ServiceCode[] {
  return Object.keys(state.services) as ServiceCode[];
}
