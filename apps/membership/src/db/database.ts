import type { ColumnType, Generated } from 'kysely';
import type { TransferringMember } from '@ws/contracts';
import type { EventStoreTables } from '@ws/eventstore';
import type { ProjectionTables } from '@ws/projections';
import type { VerificationTables } from '@ws/verification';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Table types of the membership database: vault, registries (write side), then read models. */
export interface PersonsTable {
  person_id: string;
  id_number_hmac: string | null;
  mobile_hmac: string | null;
  created_at: Generated<Date>;
  erased_at: Timestamp | null;
}

export interface PersonKeysTable {
  person_id: string;
  /** The person's data key, wrapped (AES-256-GCM) by the master key. */
  data_key: Buffer;
  created_at: Generated<Date>;
}

export interface PersonDataTable {
  person_id: string;
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  updated_at: Generated<Date>;
}

export interface SmsConsentsTable {
  person_id: string;
  /** The mobile the consent was given with (keyed hash): a changed mobile needs a new consent. */
  mobile_hmac: string;
  given_at: Timestamp;
}

export interface PiiAccessLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor: string;
  person_id: string;
  purpose: string;
}

export interface UnionRegistryTable {
  union_id: string;
  parent_union_id: string | null;
  node_code: string;
  street_code: string | null;
  kind: string;
  occupations: string[];
  status: 'active' | 'merged' | 'dissolved';
  created_at: Generated<Date>;
}

export type ApplicationRegistryStatus = 'submitted' | 'info_requested' | 'approved' | 'rejected';

export interface ApplicationRegistryTable {
  application_id: string;
  application_number: string;
  person_id: string;
  union_id: string;
  mobile_hmac: string | null;
  status: ApplicationRegistryStatus;
  submitted_at: Timestamp;
  updated_at: Timestamp;
  membership_id: string | null;
  card_number: string | null;
  reason: string | null;
  note: string | null;
  info_fields: string[] | null;
}

export type MembershipRegistryStatus = 'active' | 'suspended' | 'left' | 'transferred_out';

export interface MembershipRegistryTable {
  membership_id: string;
  person_id: string;
  union_id: string;
  card_number: string;
  status: MembershipRegistryStatus;
  pending_transfer_id: string | null;
  updated_at: Timestamp;
}

export interface VolunteerLinksTable {
  volunteer_id: string;
  membership_id: string;
}

export interface UnionsTable {
  union_id: string;
  name: string;
  kind: string;
  parent_union_id: string | null;
  /** The parent's node: this one or an ancestor (null without a parent). */
  parent_node_code: string | null;
  node_code: string;
  street_code: string | null;
  occupations: string[];
  status: 'active' | 'merged' | 'dissolved';
  merged_into: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The union's stream version the read model last applied (0: projected before versions were kept). */
  version: Generated<number>;
}

export interface MembersTable {
  membership_id: string;
  person_id: string;
  union_id: string;
  node_code: string;
  card_number: string;
  occupation: string;
  street_code: string | null;
  status: 'active' | 'suspended' | 'left' | 'transferred_out';
  joined_month: ColumnType<string, string, string>;
  activated_at: Timestamp;
  updated_at: Timestamp;
  erased: Generated<boolean>;
}

/** Members per group (the members projection keeps it): what statistics sum. */
export interface MemberCountsTable {
  node_code: string;
  union_id: string;
  occupation: string;
  street_code: string | null;
  joined_month: ColumnType<string, string, string>;
  status: MembersTable['status'];
  members: number;
}

export interface ApplicationQueueTable {
  application_id: string;
  application_number: string;
  person_id: string;
  union_id: string;
  node_code: string;
  occupation: string;
  street_code: string | null;
  channel: string;
  /** The station where the worker applied, if any. */
  station_id: string | null;
  employer: string | null;
  status: ApplicationRegistryStatus;
  submitted_at: Timestamp;
  updated_at: Timestamp;
  /** PersonErased: shown as 已注销. */
  erased: Generated<boolean>;
}

export interface TransfersTable {
  transfer_id: string;
  membership_id: string;
  from_union_id: string;
  to_union_id: string;
  from_node: string;
  to_node: string;
  status: 'requested' | 'accepted' | 'completed' | 'declined' | 'cancelled';
  requested_at: Timestamp;
  settled_at: Timestamp | null;
}

export interface PointsBalancesTable {
  membership_id: string;
  balance: number;
  credited: number;
  debited: number;
  updated_at: Timestamp;
}

/** Outstanding points of the accounts recorded at each node of the subtree. */
export interface PointsTotalsTable {
  node_code: string;
  balance: ColumnType<string, number, number>;
  credited: ColumnType<string, number, number>;
  debited: ColumnType<string, number, number>;
}

export interface ShopItemsTable {
  item_id: string;
  name: string;
  points: number;
  stock: number;
  redeemed: Generated<number>;
  status: 'listed' | 'withdrawn';
  updated_at: Timestamp;
  /** The item's stream version the read model last applied (0: projected before versions were kept). */
  version: Generated<number>;
}

/** Every redemption at the points shop (RedemptionMade), the member by id only. */
export interface ShopRedemptionsTable {
  redemption_id: string;
  membership_id: string;
  item_id: string;
  quantity: number;
  points: number;
  station_id: string | null;
  /** The node that recorded it. */
  node_code: string;
  /** 'officer' (a union officer at the counter), 'station' (a station manager), 'member' (the member's own page). */
  actor_kind: 'officer' | 'station' | 'member' | 'system';
  redeemed_at: Timestamp;
}

/** Requests to erase a person's data (注销个人信息), one row per request. */
export interface ErasureRequestsTable {
  request_id: string;
  person_id: string;
  node_code: string;
  status: 'requested' | 'refused' | 'erased';
  requested_at: Timestamp;
  /** Who recorded it (the event's actor: role:subject). */
  requested_by: string;
  handled_at: Timestamp | null;
  handled_by: string | null;
  /** The refusal's reason. */
  reason: string | null;
}

export interface RoutedTransfersTable {
  transfer_id: string;
  from_node: string;
  to_node: string;
  from_union_id: string;
  to_union_id: string;
  member: ColumnType<TransferringMember, string, string>;
  settled: Generated<boolean>;
  routed_at: Generated<Date>;
}

/** At a transfer's target: the key pair the source seals the member's personal data to. */
export interface HandoverKeysTable {
  transfer_id: string;
  from_node: string;
  person_id: string;
  /** Wrapped by the master key; null once the data has arrived. */
  private_key: Buffer | null;
  /** The source completed the transfer: the data may be fetched. */
  ready: Generated<boolean>;
  received_at: Timestamp | null;
  attempts: Generated<number>;
  created_at: Generated<Date>;
}

/** At a transfer's source: whom to hand the member's personal data to, sealed to which key. */
export interface HandoverOffersTable {
  transfer_id: string;
  person_id: string;
  to_node: string;
  public_key: string;
  created_at: Generated<Date>;
}

/** A member's session on the worker pages: the token's SHA-256, never the token. */
export interface MemberSessionsTable {
  token_hash: string;
  membership_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface MembershipDatabase extends EventStoreTables, ProjectionTables, VerificationTables {
  persons: PersonsTable;
  sms_consents: SmsConsentsTable;
  person_keys: PersonKeysTable;
  person_data: PersonDataTable;
  pii_access_log: PiiAccessLogTable;
  union_registry: UnionRegistryTable;
  application_registry: ApplicationRegistryTable;
  membership_registry: MembershipRegistryTable;
  volunteer_links: VolunteerLinksTable;
  unions: UnionsTable;
  members: MembersTable;
  member_counts: MemberCountsTable;
  application_queue: ApplicationQueueTable;
  transfers: TransfersTable;
  points_balances: PointsBalancesTable;
  points_totals: PointsTotalsTable;
  shop_items: ShopItemsTable;
  shop_redemptions: ShopRedemptionsTable;
  erasure_requests: ErasureRequestsTable;
  routed_transfers: RoutedTransfersTable;
  handover_keys: HandoverKeysTable;
  handover_offers: HandoverOffersTable;
  member_sessions: MemberSessionsTable;
}
