import { ColumnType, Generated } from 'kysely';
import type { EventStoreTables } from '@ws/eventstore';
import type { ProjectionTables } from '@ws/projections';
import type { PhotoUploadsTables } from '@ws/uploads';

/** Table types of the stations database: write side, then read models. */
export interface CheckinKeysTable {
  key: string;
  station_id: string;
  accepted_at: Generated<Date>;
}

export interface StationDirectoryTable {
  id: string;
  district_code: string;
  /** The node that registered the station, the only one whose facts about it are applied (null: registered before it was kept). */
  origin_node: string | null;
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
  station_class: string | null;
  /** The public notice (公示) as published, the manager's name by vault reference. */
  notice: ColumnType<unknown, string | null, string | null>;
  registered_at: Date;
  updated_at: Date;
  version: number;
}

/** The vault of the names the public notices show (站长姓名): the events carry only the ref. */
export interface StationNoticeNamesTable {
  ref: string;
  station_id: string;
  name: string;
  recorded_at: ColumnType<Date, Date | undefined, Date>;
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

/** One activity of the subtree (from the EVT): its plan, sign-up counts and, once held, the people reached. */
export interface ActivitiesTable {
  activity_id: string;
  district_code: string;
  station_id: string | null;
  street_code: string;
  kind: string;
  title: string;
  organiser: string;
  partners: string[];
  service: string | null;
  planned_on: ColumnType<string, string, string>;
  held_on: ColumnType<string | null, string | null, string | null>;
  status: 'planned' | 'held' | 'cancelled';
  cancel_reason: string | null;
  places: number | null;
  confirmed: number;
  waitlisted: number;
  participants: number | null;
  new_form_participants: number | null;
  photos: string[];
  planned_at: Date;
  updated_at: Date;
}

/** One welfare handout of the subtree (from the EVT), counted without names. */
export interface WelfareHandoutsTable {
  handout_id: string;
  district_code: string;
  holder_id: string;
  station_id: string | null;
  street_code: string;
  occasion: string;
  kind: string;
  quantity: number;
  people_reached: number;
  new_form_people: number;
  occupations: ColumnType<Array<{ occupation: string; people: number }>, string, string>;
  cost_fen: ColumnType<string, number, number>;
  from_stock: boolean;
  handed_on: ColumnType<string, string, string>;
  recorded_at: Date;
  /** Of the people reached, those who showed a member card (0 for handouts recorded before cards were counted). */
  members_reached: Generated<number>;
}

/** A holder's (station's or street's) stock of one kind: received, handed out from stock, what the receipts cost. */
export interface WelfareStockTable {
  holder_id: string;
  kind: string;
  district_code: string;
  station_id: string | null;
  street_code: string;
  received: number;
  handed_out: number;
  received_cost_fen: ColumnType<string, number, number>;
  updated_at: Date;
}

/** A programme with a quota (民生实事) of the subtree, with its progress. */
export interface ProgrammesTable {
  programme_id: string;
  district_code: string;
  kind: string;
  title: string;
  target: number;
  places: number | null;
  min_new_form_share: number;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  status: 'running' | 'closed';
  people: number;
  new_form_people: number;
  places_used: number;
  launched_at: Date;
}

/** One delivery of a programme: people served on a day at a station or in a street (no names). */
export interface ProgrammeDeliveriesTable {
  delivery_id: string;
  programme_id: string;
  district_code: string;
  kind: string;
  station_id: string | null;
  street_code: string;
  delivered_on: ColumnType<string, string, string>;
  people: number;
  new_form_people: number;
  places: number;
}

/** A budget (经费) of the subtree: a node's own or a station's, for a year, with what is spent (fen). */
export interface BudgetsTable {
  budget_id: string;
  district_code: string;
  node_code: string;
  level: 'node' | 'station';
  station_id: string | null;
  street_code: string | null;
  year: number;
  title: string;
  amount_fen: ColumnType<string, number, number>;
  spent_fen: ColumnType<string, number, number>;
}

/** One spending against a budget. */
export interface FundSpendingTable {
  spending_id: string;
  budget_id: string;
  district_code: string;
  station_id: string | null;
  category: string;
  amount_fen: ColumnType<string, number, number>;
  spent_on: ColumnType<string, string, string>;
  payee: string;
}

/** A legal-aid worker's details, sealed with their own key (see LegalAidVault). */
export interface LegalAidVaultTable {
  worker_ref: string;
  sealed: Buffer;
  created_at: Generated<Date>;
}

export interface LegalAidKeysTable {
  worker_ref: string;
  wrapped_key: Buffer;
}

/** The member cards shown at one welfare handout, sealed with the handout's own key (welfare/welfare-card-vault.ts). */
export interface WelfareMemberCardsTable {
  handout_id: string;
  sealed: Buffer;
  created_at: Generated<Date>;
}

export interface WelfareMemberCardKeysTable {
  handout_id: string;
  wrapped_key: Buffer;
}

/** Who opened the member cards of which handout. */
export interface WelfareMemberCardAccessLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor: string;
  handout_id: string;
}

/** Who opened a legal-aid worker's details, for which case, and why. */
export interface LegalAidAccessLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor: string;
  case_id: string;
  purpose: string;
}

/** A legal-aid case of the subtree: its kind, state, outcome and the amount recovered (fen); the worker only by reference. */
export interface LegalCasesTable {
  case_id: string;
  district_code: string;
  kind: string;
  station_id: string | null;
  street_code: string;
  occupation: string;
  worker_ref: string;
  state: string;
  received_on: ColumnType<string, string, string>;
  settled_on: ColumnType<string | null, string | null, string | null>;
  referred_to: string | null;
  closed_on: ColumnType<string | null, string | null, string | null>;
  outcome: string | null;
  recovered_fen: ColumnType<string, number, number>;
  /** Set by LegalWorkerErased: the details are gone from the vault; the case and its counts stay. */
  worker_erased_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  worker_erased_by: string | null;
  worker_erasure_reason: string | null;
}

/**
 * A wish posted at a station of the subtree (wishes' WishPosted / SuggestionPosted), kept until it
 * is rated (WishConfirmed) or can no longer be (declined, merged, closed unconfirmed).
 */
export interface WishRatingsTable {
  wish_id: string;
  station_id: string;
  /** The node whose wishes service posted it: only that node's confirmation counts. */
  origin_node: string;
  /** 1–5, null until the author confirms. */
  rating: number | null;
  /** Asia/Shanghai day of the confirmation: the review year it counts for. */
  rated_on: string | null;
}

export interface StationsDatabase extends EventStoreTables, ProjectionTables, PhotoUploadsTables {
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
  activities: ActivitiesTable;
  welfare_handouts: WelfareHandoutsTable;
  welfare_stock: WelfareStockTable;
  welfare_member_cards: WelfareMemberCardsTable;
  welfare_member_card_keys: WelfareMemberCardKeysTable;
  welfare_member_card_access_log: WelfareMemberCardAccessLogTable;
  station_notice_names: StationNoticeNamesTable;
  programmes: ProgrammesTable;
  programme_deliveries: ProgrammeDeliveriesTable;
  budgets: BudgetsTable;
  fund_spending: FundSpendingTable;
  legal_aid_vault: LegalAidVaultTable;
  legal_aid_keys: LegalAidKeysTable;
  legal_aid_access_log: LegalAidAccessLogTable;
  legal_cases: LegalCasesTable;
  wish_ratings: WishRatingsTable;
}
