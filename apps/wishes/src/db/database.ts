import type { ColumnType, Generated } from 'kysely';
import type { EventStoreTables, Json } from '@ws/eventstore';
import type { ProjectionTables } from '@ws/projections';
import type { PhotoUploadsTables } from '@ws/uploads';

/** jsonb: read as parsed JSON, written as a JSON string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

// ---- write side ----
export interface WishNumbersTable {
  wish_no: string;
  wish_id: string;
  created_at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  result_id: string;
  /** sha256 of the first request's canonical JSON body; null for keys recorded before it was kept. */
  request_hash: string | null;
  created_at: Generated<Date>;
}

export interface ContactVaultTable {
  contact_ref: string;
  sealed: Buffer;
  created_at: Generated<Date>;
  /** The author agreed to be told by SMS at this contact (null: not). */
  sms_consent_at: NullableTimestamp;
}

export interface ContactKeysTable {
  contact_ref: string;
  wrapped_key: Buffer;
}

/** Who opened an author's contact, and why. */
export interface ContactAccessLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor: string;
  wish_id: string;
  purpose: string;
}

// ---- read models ----
export interface KnownStationsTable {
  station_id: string;
  name: string;
  tier: string;
  street_code: string;
  community_code: string | null;
  status: string;
  updated_at: Timestamp;
}

export interface WishBoardTable {
  wish_id: string;
  wish_no: string;
  kind: string;
  station_id: string;
  community_code: string | null;
  street_code: string;
  district_code: string;
  category: string;
  text: string;
  urgency: string;
  photo_refs: string[];
  author_kind: string;
  author_mask: string;
  status: string;
  status_since: Timestamp;
  owner_kind: string | null;
  owner_ref: string | null;
  deadline: NullableTimestamp;
  confirm_by: NullableTimestamp;
  seconds: number;
  decided: boolean;
  decision_id: string | null;
  mode: string | null;
  officer_id: string | null;
  task_id: string | null;
  volunteer_id: string | null;
  merged_into: string | null;
  message: string | null;
  answer: string | null;
  proof: Json<unknown, string | null>;
  rating: number | null;
  escalated_at: NullableTimestamp;
  escalation_reason: string | null;
  escalated_overdue_for: NullableTimestamp;
  posted_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface WishTimelineTable {
  wish_id: string;
  seq: number;
  status: string;
  message: string | null;
  at: Timestamp;
}

export interface DemandDecisionsTable {
  decision_id: string;
  street_code: string;
  category: string;
  mode: string;
  wish_ids: string[];
  title: string;
  activity: Json<unknown, string | null>;
  answer: string | null;
  deadline: Timestamp;
  officer_id: string;
  decided_at: Timestamp;
}

export interface ReportBoardTable {
  report_id: string;
  street_code: string;
  district_code: string;
  lng: number;
  lat: number;
  text: string;
  photo_refs: string[];
  member_card_mask: string | null;
  status: string;
  amount_yuan: number | null;
  points: number | null;
  reason: string | null;
  officer_id: string | null;
  submitted_at: Timestamp;
  reviewed_at: NullableTimestamp;
}

/** Table types of the wishes database: write side, then read models. */
export interface WishesDatabase extends EventStoreTables, ProjectionTables, PhotoUploadsTables {
  wish_numbers: WishNumbersTable;
  idempotency_keys: IdempotencyKeysTable;
  contact_vault: ContactVaultTable;
  contact_keys: ContactKeysTable;
  contact_access_log: ContactAccessLogTable;
  known_stations: KnownStationsTable;
  wish_board: WishBoardTable;
  wish_timeline: WishTimelineTable;
  demand_decisions: DemandDecisionsTable;
  report_board: ReportBoardTable;
}
