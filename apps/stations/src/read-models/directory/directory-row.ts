import { compileOpeningHours, OpeningHours, ServiceSchedule, StationNoticePublished, StationStreamEvent } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { Selectable } from 'kysely';
import type { StationDirectoryTable } from '../../db/database';

/**
 * A station as the directory keeps it, in memory between load and upsert: the table's columns,
 * with the JSON columns typed and the derived ones (open24h, open_minutes) left to the writer.
 */
export type DirectoryRow = Omit<Selectable<StationDirectoryTable>, 'hours' | 'services' | 'honours' | 'upgrade' | 'notice' | 'open24h' | 'open_minutes'> & {
  hours: OpeningHours;
  services: Array<{ service: string; schedule: ServiceSchedule }>;
  honours: Array<{ year: number; level: string; title: string }>;
  upgrade: { standard: string; lacking: string[]; due: string; completed: boolean } | null;
  notice: Omit<StationNoticePublished['data'], 'stationId'> | null;
};

const MINUTES_PER_WEEK = 7 * 24 * 60;

/** The Postgres int4multirange of minutes-of-week a station is open, for "open at" filters in SQL. */
export function openMinutesLiteral(hours: OpeningHours): string {
  const compiled = compileOpeningHours(hours);
  const ranges = compiled === 'always' ? [[0, MINUTES_PER_WEEK]] : compiled;
  return `{${ranges.map(([start, end]) => `[${start},${end})`).join(',')}}`;
}

/**
 * Folds one event into the directory row. Unknown stations (an event whose registration this
 * node never saw) are ignored rather than invented.
 */
export function evolveRow(row: DirectoryRow | undefined, event: StationStreamEvent, at: { district: string; node: string; occurredAt: Date }): DirectoryRow | undefined {
  if (event.type === 'StationRegistered') {
    const d = event.data;
    return {
      id: d.stationId,
      district_code: at.district,
      origin_node: at.node,
      name: d.name,
      kind: d.kind,
      tier: d.tier,
      host: d.host,
      street_code: d.streetCode,
      community_code: d.communityCode,
      address: d.address,
      lng: d.location.lng,
      lat: d.location.lat,
      hours: d.hours,
      seats: d.seats,
      contact_phone: d.contactPhone,
      manager_id: d.managerId,
      status: 'active',
      status_reason: null,
      suspended_until: null,
      facilities: [...d.facilities],
      services: [],
      stars: null,
      review_year: null,
      honours: [],
      upgrade: null,
      station_class: null,
      notice: null,
      registered_at: at.occurredAt,
      updated_at: at.occurredAt,
      version: 1,
    };
  }
  if (!row) return undefined;
  const next: DirectoryRow = { ...row, updated_at: at.occurredAt, version: row.version + 1 };
  switch (event.type) {
    case 'StationUpdated': {
      const c = event.data.changes;
      return {
        ...next,
        name: c.name ?? next.name,
        kind: c.kind ?? next.kind,
        tier: c.tier ?? next.tier,
        host: c.host ?? next.host,
        hours: c.hours ?? next.hours,
        seats: c.seats !== undefined ? c.seats : next.seats,
        contact_phone: c.contactPhone !== undefined ? c.contactPhone : next.contact_phone,
      };
    }
    case 'StationRelocated':
      return {
        ...next,
        street_code: event.data.streetCode,
        community_code: event.data.communityCode,
        address: event.data.address,
        lng: event.data.location.lng,
        lat: event.data.location.lat,
      };
    case 'StationSuspended':
      return { ...next, status: 'suspended', status_reason: event.data.reason, suspended_until: event.data.until ? new Date(event.data.until) : null };
    case 'StationReopened':
      return { ...next, status: 'active', status_reason: null, suspended_until: null };
    case 'StationClosed':
      return { ...next, status: 'closed', status_reason: event.data.reason, suspended_until: null };
    case 'FacilitiesChanged':
      return { ...next, facilities: [...event.data.facilities] };
    case 'ManagerAssigned':
      return { ...next, manager_id: event.data.managerId };
    case 'UpgradePlanned':
      return { ...next, upgrade: { standard: event.data.standard, lacking: [...event.data.lacking], due: event.data.due, completed: false } };
    case 'UpgradeCompleted':
      return { ...next, upgrade: next.upgrade ? { ...next.upgrade, completed: true } : { standard: event.data.standard, lacking: [], due: '', completed: true } };
    case 'ServiceOffered':
      return {
        ...next,
        services: [...next.services.filter((s) => s.service !== event.data.service), { service: event.data.service, schedule: event.data.schedule }],
      };
    case 'ServiceWithdrawn':
      return { ...next, services: next.services.filter((s) => s.service !== event.data.service) };
    case 'StationReviewed':
      return next.review_year !== null && event.data.year < next.review_year ? next : { ...next, stars: event.data.stars, review_year: event.data.year };
    case 'HonourAwarded':
      return { ...next, honours: [...next.honours, { year: event.data.year, level: event.data.level, title: event.data.title }] };
    case 'StationNoticePublished': {
      const { stationId: _id, ...notice } = event.data;
      return { ...next, notice };
    }
    case 'StationClassified':
      return { ...next, station_class: event.data.stationClass };
    default:
      return assertNever(event, 'station event');
  }
}
