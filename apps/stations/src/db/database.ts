import { ColumnType, Generated } from 'kysely';
import type { EventStoreTables } from '@ws/eventstore';
import type { ProjectionTables } from '@ws/projections';

/** Table types of the stations database: write side, then read models. */
export interface CheckinKeysTable {
  key: string;
  station_id: string;
  accepted_at: Generated<Date>;
}

export interface StationDirectoryTable {
  id: string;
  district_code: string;
  name: string;
  kind: string;
  tier: string;
  host: string;
  street_code: string;
  community_code: string | null;
  address: string;
  lng: number;
  lat: number;
  hours: ColumnType<unknown, string, string>;
  open24h: boolean;
  /** Minutes of the week (Asia/Shanghai) when open, as a Postgres int4multirange literal. */
  open_minutes: string;
  seats: number | null;
  contact_phone: string | null;
  manager_id: string | null;
  status: 'active' | 'suspended' | 'closed';
  status_reason: string | null;
  suspended_until: Date | null;
  facilities: string[];
  services: ColumnType<unknown, string, string>;
  stars: number | null;
  review_year: number | null;
  honours: ColumnType<unknown, string, string>;
  upgrade: ColumnType<unknown, string | null, string | null>;
  registered_at: Date;
  updated_at: Date;
  version: number;
}

export interface StationHistoryTable {
  station_id: string;
  seq: number;
  type: string;
  occurred_at: Date;
  data: ColumnType<unknown, string, string>;
}

export interface VisitsHourlyTable {
  station_id: string;
  district_code: string;
  day: ColumnType<string, string, string>;
  hour: number;
  occupation: string;
  visits: number;
}

export interface AdoptedStandardsTable {
  node_code: string;
  standard: string;
  adopted_at: Date;
}

export interface WorkerCellsTable {
  cell: string;
  lat: number;
  lng: number;
  workers: number;
  imported_at: Date;
}

export interface StationsDatabase extends EventStoreTables, ProjectionTables {
  checkin_keys: CheckinKeysTable;
  station_directory: StationDirectoryTable;
  station_history: StationHistoryTable;
  visits_hourly: VisitsHourlyTable;
  adopted_standards: AdoptedStandardsTable;
  worker_cells: WorkerCellsTable;
}
