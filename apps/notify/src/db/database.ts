import type { ColumnType, Generated } from 'kysely';
import type { EventStoreTables, Json } from '@ws/eventstore';
import type { ProjectionTables } from '@ws/projections';

/** jsonb: read as parsed JSON, written as a JSON string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

// ---- write side: deliveries to make, reminders to fire, the person's choices ----
/** One row per gateway delivery still to be sent (removed once it is final). */
export interface DeliveryQueueTable {
  /** Composition order: a person's messages on one channel go out in this order. */
  seq: Generated<number>;
  message_id: string;
  channel: string;
  kind: string;
  recipient_key: string;
  due_at: Timestamp;
  expires_at: Timestamp;
  /** Attempts started (claims); the next attempt's number is attempts + 1. */
  attempts: number;
  /** A worker holds it until then; a claim that lapses means the process died mid-attempt. */
  claimed_until: NullableTimestamp;
}

export interface RemindersTable {
  reminder_id: string;
  kind: string;
  /** What it is about (an invitation, a shift, a station's upgrade, a directive). */
  subject_id: string;
  due_at: Timestamp;
  fired_at: NullableTimestamp;
}

export interface DigestRunsTable {
  day: string;
  composed_at: Timestamp;
}

export interface OptOutsTable {
  recipient_key: string;
  channel: string;
  at: Generated<Date>;
}

/** WeChat openids and push subscriptions the person bound through the worker pages, sealed. */
export interface ChannelBindingsTable {
  binding_id: string;
  recipient_key: string;
  channel: string;
  /** Keyed hash of the address: the same device bound twice is one binding. */
  address_hash: string;
  sealed: Buffer;
  /** When the person agreed to be told on this channel (PIPL consent). */
  consent_at: Timestamp;
}

export interface ShortLinksTable {
  code: string;
  path: string;
  created_at: Generated<Date>;
}

/** Gateway messages per person per Asia/Shanghai day: the daily cap. */
export interface DailySendsTable {
  recipient_key: string;
  day: string;
  sent: number;
}

// ---- what notify knows of other contexts' aggregates (ids, numbers and names of places only) ----
export interface WishRefsTable {
  wish_id: string;
  wish_no: string;
  station_id: string;
  street_code: string;
  has_contact: boolean;
  status: string;
  open: boolean;
  moderate_by: NullableTimestamp;
  deadline: NullableTimestamp;
}

export interface TaskRefsTable {
  task_id: string;
  title: string;
  street_code: string;
  deadline: Timestamp;
  assignee: string | null;
  open: boolean;
  escalated: boolean;
}

export interface InvitationRefsTable {
  invitation_id: string;
  task_id: string;
  volunteer_id: string;
  expires_at: Timestamp;
  pending: boolean;
}

export interface ShiftRefsTable {
  shift_id: string;
  station_id: string;
  volunteer_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  served: boolean;
}

export interface StationRefsTable {
  station_id: string;
  name: string;
  street_code: string;
}

export interface UpgradeRefsTable {
  station_id: string;
  standard: string;
  due: string;
  completed: boolean;
}

export interface ApplicationRefsTable {
  application_id: string;
  application_number: string;
}

export interface TransferRefsTable {
  transfer_id: string;
  membership_id: string;
  card_number: string;
}

/** A job posting of the node (零工之家): its title and kind of work, to word the push to a matched seeker. */
export interface PostingRefsTable {
  posting_id: string;
  title: string;
  category: string;
  pay_mode: string;
  valid_until: Timestamp;
}

export interface DirectiveRefsTable {
  directive_id: string;
  title: string;
  deadline: string;
  /** Named children, or null for the whole subtree. */
  children: Json<string[] | null>;
  withdrawn: boolean;
}

/** Direct children seen receiving a directive of this node, and whether they acknowledged it (test nodes have codes no division list holds). */
export interface DirectiveChildrenTable {
  directive_id: string;
  child: string;
  acknowledged: boolean;
}

// ---- read models of notify's own events ----
export interface InboxMessagesTable {
  message_id: string;
  recipient_key: string;
  kind: string;
  params: Json<Record<string, string | number | null>>;
  link: string | null;
  short_code: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface DeliveryStatusTable {
  message_id: string;
  channel: string;
  recipient_key: string;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Keyset order of the officers' list: (updated_at, message_id, channel). */
}

export interface NotifyDatabase extends EventStoreTables, ProjectionTables {
  delivery_queue: DeliveryQueueTable;
  reminders: RemindersTable;
  digest_runs: DigestRunsTable;
  opt_outs: OptOutsTable;
  channel_bindings: ChannelBindingsTable;
  short_links: ShortLinksTable;
  daily_sends: DailySendsTable;
  wish_refs: WishRefsTable;
  task_refs: TaskRefsTable;
  invitation_refs: InvitationRefsTable;
  shift_refs: ShiftRefsTable;
  station_refs: StationRefsTable;
  upgrade_refs: UpgradeRefsTable;
  application_refs: ApplicationRefsTable;
  transfer_refs: TransferRefsTable;
  directive_refs: DirectiveRefsTable;
  posting_refs: PostingRefsTable;
  directive_children: DirectiveChildrenTable;
  inbox_messages: InboxMessagesTable;
  delivery_status: DeliveryStatusTable;
}
