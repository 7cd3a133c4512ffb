import type { DomainEvent } from '../envelope';
import type {
  FacilityCode,
  HonourLevel,
  ReviewCriterion,
  ServiceCode,
  StandardCode,
  StationHost,
  StationKind,
  StationTier,
  VisitOccupation,
} from './codes';
import type { GeoPoint } from './location';
import type { StationClassified, StationNoticePublished } from './notice';
import type { OpeningHours } from './opening-hours';
import type { ServiceSchedule } from './schedule';

/**
 * Events of the stations context (驿站). They carry ids and the station's public facts only: a
 * station manager is `managerId`, a visitor is an occupation and at most a member card number;
 * no names, no personal phones. `contactPhone` is the station's own published number.
 */
export const STATIONS_CONTEXT = 'stations';

/** Aggregate names: the subject's aggregate token and the stream id prefix (`<aggregate>-<id>`). */
export const STATIONS_AGGREGATES = {
  /** One stream per station: register, details, status, facilities, services, reviews. */
  station: 'station',
  /** One stream per station of VisitsRecorded, appended without a version (no invariants). */
  checkins: 'checkins',
  /** One stream per node (id = GB/T 2260 code): the facility standard the node adopted. */
  nodeStandard: 'node-standard',
} as const;
export type StationsAggregate = (typeof STATIONS_AGGREGATES)[keyof typeof STATIONS_AGGREGATES];

export type StarRating = 1 | 2 | 3 | 4 | 5;

/** What a station is and where; fields that may be unknown are null, never absent. */
export interface StationDetails {
  name: string;
  kind: StationKind;
  tier: StationTier;
  host: StationHost;
  /** 9-digit code of the 街道/乡镇 (district code + 3 digits). */
  streetCode: string;
  /** 12-digit code of the 社区/村, starting with streetCode; null for a station outside one. */
  communityCode: string | null;
  address: string;
  location: GeoPoint;
  hours: OpeningHours;
  seats: number | null;
  /** The station's public number (posted at the door), not a person's. */
  contactPhone: string | null;
}

/** Details an update may change; moving the station is StationRelocated. */
export type StationChanges = Partial<Pick<StationDetails, 'name' | 'kind' | 'tier' | 'host' | 'hours' | 'seats' | 'contactPhone'>>;

export type StationPlace = Pick<StationDetails, 'streetCode' | 'communityCode' | 'address' | 'location'>;

// ---- station (驿站) ----
export type StationRegistered = DomainEvent<
  'StationRegistered',
  StationDetails & { stationId: string; managerId: string | null; facilities: FacilityCode[] }
>;
/** Only the fields that changed. */
export type StationUpdated = DomainEvent<'StationUpdated', { stationId: string; changes: StationChanges }>;
export type StationRelocated = DomainEvent<'StationRelocated', StationPlace & { stationId: string }>;
/** `until` (ISO instant) is the announced reopening; reopening still takes StationReopened. */
export type StationSuspended = DomainEvent<'StationSuspended', { stationId: string; reason: string; until: string | null }>;
export type StationReopened = DomainEvent<'StationReopened', { stationId: string }>;
/** Final: a closed station takes no further commands. */
export type StationClosed = DomainEvent<'StationClosed', { stationId: string; reason: string }>;
/** The full new set, plus the difference so consumers need not keep the old one. */
export type FacilitiesChanged = DomainEvent<
  'FacilitiesChanged',
  { stationId: string; facilities: FacilityCode[]; added: FacilityCode[]; removed: FacilityCode[] }
>;
/** 站长负责制: the person responsible, by id. */
export type ManagerAssigned = DomainEvent<'ManagerAssigned', { stationId: string; managerId: string; previousManagerId: string | null }>;
/** `lacking` and `specialsLacking` are what the station missed against `standard` when planned; `due` is YYYY-MM-DD. */
export type UpgradePlanned = DomainEvent<
  'UpgradePlanned',
  { stationId: string; standard: StandardCode; lacking: FacilityCode[]; specialsLacking: number; due: string }
>;
export type UpgradeCompleted = DomainEvent<'UpgradeCompleted', { stationId: string; standard: StandardCode }>;
/** Offering a service already offered replaces its schedule. */
export type ServiceOffered = DomainEvent<'ServiceOffered', { stationId: string; service: ServiceCode; schedule: ServiceSchedule }>;
export type ServiceWithdrawn = DomainEvent<'ServiceWithdrawn', { stationId: string; service: ServiceCode }>;
/**
 * A yearly review (星级评定). `score` is the weighted total (0–100) and `stars` follow from it, so
 * stars can drop from one year to the next. `correction` marks a re-review of the latest year,
 * which replaces that year's review.
 */
export type StationReviewed = DomainEvent<
  'StationReviewed',
  {
    stationId: string;
    year: number;
    scores: Record<ReviewCriterion, number>;
    score: number;
    stars: StarRating;
    previousStars: StarRating | null;
    correction: boolean;
    /**
     * What the usage score was computed from: the year's visits (人次) and activities held at the
     * station. Absent from reviews recorded while usage was still typed in.
     */
    usageMeasured?: { visits: number; activities: number };
    /**
     * What the satisfaction score was computed from: the ratings (1–5) the authors of wishes posted
     * at the station gave when confirming them that year, their count and sum. Absent from reviews
     * recorded while satisfaction was still typed in.
     */
    satisfactionMeasured?: { ratings: number; ratingTotal: number };
  }
>;
/** 全国最美 / 省级最美 / city honours, by year. */
export type HonourAwarded = DomainEvent<'HonourAwarded', { stationId: string; year: number; level: HonourLevel; title: string }>;

// ---- node standard (建设标准) ----
/** The node (province, city or district) measures its stations' compliance against `standard`. */
export type StandardAdopted = DomainEvent<'StandardAdopted', { nodeCode: string; standard: StandardCode; previousStandard: StandardCode | null }>;

// ---- check-ins (打卡) ----
export interface RecordedVisit {
  /** Idempotency key chosen by the client: the same key at the same station counts once. */
  key: string;
  /** ISO 8601 instant of the visit (UTC). */
  at: string;
  occupation: VisitOccupation;
  /** A union member card number, if the visitor gave one; never a name or phone. */
  memberCard?: string;
}

/** Many visits at one station in one event: a kiosk's offline upload or one batch of check-ins. */
export type VisitsRecorded = DomainEvent<'VisitsRecorded', { stationId: string; visits: RecordedVisit[] }>;

/** Events of the `station` stream. */
export type StationStreamEvent =
  | StationRegistered
  | StationUpdated
  | StationRelocated
  | StationSuspended
  | StationReopened
  | StationClosed
  | FacilitiesChanged
  | ManagerAssigned
  | UpgradePlanned
  | UpgradeCompleted
  | ServiceOffered
  | ServiceWithdrawn
  | StationReviewed
  | HonourAwarded
  | StationNoticePublished
  | StationClassified;

/** Every event of the stations context. */
export type StationEvent = StationStreamEvent | StandardAdopted | VisitsRecorded;
export type StationEventType = StationEvent['type'];

/** Schema version of each event's `data`; bump it (and add an upcaster) when a shape changes. */
export const STATION_EVENT_SCHEMAS = {
  StationRegistered: 1,
  StationUpdated: 1,
  StationRelocated: 1,
  StationSuspended: 1,
  StationReopened: 1,
  StationClosed: 1,
  FacilitiesChanged: 1,
  ManagerAssigned: 1,
  UpgradePlanned: 1,
  UpgradeCompleted: 1,
  ServiceOffered: 1,
  ServiceWithdrawn: 1,
  StationReviewed: 1,
  HonourAwarded: 1,
  StationNoticePublished: 1,
  StationClassified: 1,
  StandardAdopted: 1,
  VisitsRecorded: 1,
} as const satisfies Record<StationEventType, number>;

/** The aggregate (stream prefix and subject token) each event type is appended to. */
export const STATION_EVENT_AGGREGATES: Record<StationEventType, StationsAggregate> = {
  StationRegistered: 'station',
  StationUpdated: 'station',
  StationRelocated: 'station',
  StationSuspended: 'station',
  StationReopened: 'station',
  StationClosed: 'station',
  FacilitiesChanged: 'station',
  ManagerAssigned: 'station',
  UpgradePlanned: 'station',
  UpgradeCompleted: 'station',
  ServiceOffered: 'station',
  ServiceWithdrawn: 'station',
  StationReviewed: 'station',
  HonourAwarded: 'station',
  StationNoticePublished: 'station',
  StationClassified: 'station',
  StandardAdopted: 'node-standard',
  VisitsRecorded: 'checkins',
};

export const STATION_EVENT_TYPES = Object.keys(STATION_EVENT_SCHEMAS) as StationEventType[];

export function isStationEventType(type: string): type is StationEventType {
  return Object.prototype.hasOwnProperty.call(STATION_EVENT_SCHEMAS, type);
}
