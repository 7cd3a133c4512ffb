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

/** Directives this node issued or its subtree's nodes issued (from the EVT): the issuer's view. */
export interface DirectivesTable {
  directive_id: string;
  issuer_node: string;
  title: string;
  kind: string;
  goal: ColumnType<unknown, string, string>;
  /** Named direct children; null when addressed to the issuer's whole subtree. */
  children: string[] | null;
  /** YYYY-MM-DD, the last day (Asia/Shanghai). */
  deadline: string;
  status: 'open' | 'withdrawn';
  withdrawn_reason: string | null;
  issued_at: Date;
  updated_at: Date;
}

export interface DirectiveHistoryTable {
  directive_id: string;
  seq: number;
  type: string;
  occurred_at: Date;
  data: ColumnType<unknown, string, string>;
}

/** Which nodes of the subtree received and acknowledged which directive (from the EVT). */
export interface DirectiveReceiptsTable {
  directive_id: string;
  node_code: string;
  received_at: Date | null;
  acknowledged_at: Date | null;
}

/** Directives of this node's ancestors addressed to it (from the DIR). */
export interface ReceivedDirectivesTable {
  directive_id: string;
  issuer_node: string;
  title: string;
  kind: string;
  goal: ColumnType<unknown, string, string>;
  children: string[] | null;
  deadline: string;
  status: 'open' | 'withdrawn';
  withdrawn_reason: string | null;
  issued_at: Date;
  received_at: Date;
  updated_at: Date;
}

export interface StationsDatabase extends EventStoreTables, ProjectionTables {
  checkin_keys: CheckinKeysTable;
  station_directory: StationDirectoryTable;
  station_history: StationHistoryTable;
  visits_hourly: VisitsHourlyTable;
  adopted_standards: AdoptedStandardsTable;
  worker_cells: WorkerCellsTable;
  directives: DirectivesTable;
  directive_history: DirectiveHistoryTable;
  directive_receipts: DirectiveReceiptsTable;
  received_directives: ReceivedDirectivesTable;
}
