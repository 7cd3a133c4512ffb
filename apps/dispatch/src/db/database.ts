import type { ColumnType, Generated } from 'kysely';
import type { EventStoreTables, Json } from '@ws/eventstore';
import type { ProjectionTables } from '@ws/projections';
import type { PhotoUploadsTables } from '@ws/uploads';
import type { VerificationTables } from '@ws/verification';

/** jsonb: read as parsed JSON, written as a JSON string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

// ---- write side: personal data and access codes, never in events ----

/** One volunteer's name and mobile, sealed with their own data key (AES-256-GCM). */
export interface VolunteerVaultTable {
  volunteer_id: string;
  /** HMAC of the normalised mobile: one registration per mobile, without storing it in clear. */
  mobile_hmac: string;
  sealed: Buffer;
  created_at: Generated<Date>;
  /** The volunteer agreed to be told by SMS at this mobile (null: not). */
  sms_consent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Each volunteer's data key, wrapped by the vault master key. Deleting the row erases the person. */
export interface VolunteerKeysTable {
  volunteer_id: string;
  wrapped_key: Buffer;
}

export interface VolunteerAccessCodesTable {
  volunteer_id: string;
  /** scrypt(code, salt): the code itself is shown once, at registration or reset. */
  code_hash: Buffer;
  salt: Buffer;
  issued_at: Timestamp;
}

/** Who saw a volunteer's name and mobile unmasked, and why. */
export interface PiiAccessLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor: string;
  volunteer_id: string;
  purpose: string;
}

// ---- read models ----

export interface VolunteerBoardTable {
  volunteer_id: string;
  district_code: string;
  home_street: string;
  type: string;
  skills: Json<Array<{ skill: string; certificateRef: string | null }>>;
  skill_names: string[];
  availability: Json<Array<{ day: number; from: string; to: string }>>;
  status: 'active' | 'retired';
  registered_at: Timestamp;
  updated_at: Timestamp;
}

export interface TaskBoardTable {
  task_id: string;
  district_code: string;
  street_code: string;
  decision_id: string;
  wish_ids: string[];
  category: string;
  required_skill: string;
  title: string;
  mode: string;
  station_id: string | null;
  scheduled_at: Timestamp | null;
  seats: number | null;
  deadline: Timestamp;
  status: 'open' | 'assigned' | 'started' | 'completed' | 'cancelled';
  scope: 'street' | 'district';
  pending_invitation_id: string | null;
  invitations_sent: number;
  assignee: string | null;
  escalated_at: Timestamp | null;
  escalation_reason: string | null;
  created_at: Timestamp;
  assigned_at: Timestamp | null;
  completed_at: Timestamp | null;
  hours: number | null;
  attendees: number | null;
  updated_at: Timestamp;
}

export interface InvitationBoardTable {
  invitation_id: string;
  task_id: string;
  volunteer_id: string;
  district_code: string;
  scope: 'street' | 'district';
  status: 'pending' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
  sent_at: Timestamp;
  expires_at: Timestamp;
  responded_at: Timestamp | null;
  decline_reason: string | null;
}

export interface ServiceHoursTable {
  /** The ShiftServed / TaskCompleted event: one row per fact, so a replay cannot count twice. */
  event_id: string;
  volunteer_id: string;
  district_code: string;
  street_code: string;
  station_id: string | null;
  kind: 'shift' | 'task';
  source_id: string;
  hours: number;
  served_at: Timestamp;
  /** YYYY-MM in Asia/Shanghai. */
  month: string;
}

export interface ShiftRotaTable {
  shift_id: string;
  district_code: string;
  station_id: string;
  street_code: string;
  volunteer_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: 'scheduled' | 'served';
  hours: number | null;
  swapped_from: string | null;
}

export interface DispatchDatabase extends EventStoreTables, ProjectionTables, PhotoUploadsTables, VerificationTables {
  volunteer_vault: VolunteerVaultTable;
  volunteer_keys: VolunteerKeysTable;
  volunteer_access_codes: VolunteerAccessCodesTable;
  pii_access_log: PiiAccessLogTable;
  volunteer_board: VolunteerBoardTable;
  task_board: TaskBoardTable;
  invitation_board: InvitationBoardTable;
  service_hours: ServiceHoursTable;
  shift_rota: ShiftRotaTable;
}
