import type { ColumnType, Generated } from 'kysely';
import type { EventStoreTables, Json } from '@ws/eventstore';
import type { ProjectionTables } from '@ws/projections';
import type { VerificationTables } from '@ws/verification';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

// ---- write side: personal data, never in events ----

/**
 * One person's or employer's personal data, sealed with their own key: a seeker's name, ID
 * number and mobile; an employer's name, credit code and mobile; an address. The seeker's home
 * point stays beside it in clear (rounded to ~100 m), since matching reads 200 000 of them.
 */
export interface JobsVaultTable {
  ref: string;
  owner_kind: 'seeker' | 'employer' | 'address';
  owner_id: string;
  /** HMAC of the mobile: one seeker and one employer account per mobile, found at sign-in. */
  mobile_hmac: string | null;
  sealed: Buffer;
  home_lng: number | null;
  home_lat: number | null;
  created_at: Generated<Date>;
}

/** Each owner's data key, wrapped by the vault master key; deleting it erases the person. */
export interface JobsKeysTable {
  owner_id: string;
  wrapped_key: Buffer;
}

/** Every read of a seeker's contact by another service (notify, at send time): who, whose, why. */
export interface PiiAccessLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor: string;
  owner_kind: 'seeker' | 'employer';
  owner_id: string;
  purpose: string;
}

// ---- read models (rebuilt from the EVT stream; ids, codes and figures only) ----

export interface EmployerBoardTable {
  employer_id: string;
  district_code: string;
  street_code: string;
  kind: string;
  status: string;
  registered_at: Timestamp;
  updated_at: Timestamp;
}

export interface PostingBoardTable {
  posting_id: string;
  employer_id: string;
  employer_kind: string;
  district_code: string;
  street_code: string;
  category: string;
  pay_mode: string;
  pay_min_fen: number;
  pay_max_fen: number;
  pay_unit: string;
  headcount: number;
  hired: number;
  title: string;
  description: string;
  requirements: string;
  skills: string[];
  schedule: Json<{ slots: Array<{ day: number; from: string; to: string }>; startDate: string | null; endDate: string | null }>;
  lng: number;
  lat: number;
  valid_until: Timestamp;
  status: string;
  status_reason: string | null;
  reports: number;
  drafted_at: Timestamp;
  updated_at: Timestamp;
}

/** One row per application: the employer's applicant list, the seeker's own list, the counts. */
export interface ApplicationBoardTable {
  application_id: string;
  posting_id: string;
  seeker_id: string;
  employer_id: string;
  district_code: string;
  street_code: string;
  category: string;
  status: string;
  note: string | null;
  message: string | null;
  declined_by: string | null;
  agreed_pay_fen: number | null;
  start_date: string | null;
  seeker_rating: number | null;
  employer_rating: number | null;
  applied_at: Timestamp;
  updated_at: Timestamp;
}

/** The search near home's index: open postings with their grid cell (search/grid.ts). */
export interface OpenPostingsTable {
  posting_id: string;
  employer_id: string;
  employer_kind: string;
  street_code: string;
  category: string;
  pay_mode: string;
  pay_min_fen: number;
  pay_max_fen: number;
  pay_unit: string;
  headcount: number;
  hired: number;
  title: string;
  lng: number;
  lat: number;
  cell: number;
  /** The 0.01° cell (search/grid.ts) for short distances. */
  fine_cell: number;
  valid_until: Timestamp;
  opened_at: Timestamp;
}

/** The subtree's stations and their places (from the stations context's events). */
export interface StationPointsTable {
  station_id: string;
  lng: number;
  lat: number;
  closed: boolean;
}

/** 精准推送's view of a seeker: wishes and the rounded home point (ids only, no name). */
export interface SeekerMatchTable {
  seeker_id: string;
  district_code: string;
  home_street_code: string;
  lng: number;
  lat: number;
  cell: number;
  categories: string[];
  skills: string[];
  pay_modes: string[];
  travel_radius_km: number;
  availability: Json<Array<{ day: number; from: string; to: string }>>;
  pushes: boolean;
  daily_cap: number;
  registered_at: Timestamp;
}

/** The jobs inbox: a posting pushed to a seeker, at most their daily cap a day (Asia/Shanghai). */
export interface JobPushesTable {
  seeker_id: string;
  posting_id: string;
  /** YYYY-MM-DD in Asia/Shanghai. */
  pushed_on: ColumnType<string, string, string>;
  distance_km: number;
  pushed_at: Timestamp;
  read_at: Timestamp | null;
}

/**
 * The subtree's counts by district, category and day (Asia/Shanghai): sourced upward with the
 * events, so a city and a province count their districts' from the same facts. A seeker is
 * counted once, under category `all` (they may want several kinds of work).
 */
export interface JobsFiguresTable {
  district_code: string;
  category: string;
  day: string;
  postings_published: number;
  seekers_registered: number;
  applications: number;
  hires: number;
  fairs_held: number;
  fair_attendance: number;
  fair_intentions: number;
}

/** Each fair with its counts (employers, postings, attendance, intentions); no one named. */
export interface FairBoardTable {
  fair_id: string;
  district_code: string;
  street_code: string;
  title: string;
  format: string;
  station_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: string;
  status_reason: string | null;
  employers: number;
  postings: number;
  attendance: number;
  intentions: number;
  updated_at: Timestamp;
}

/** The postings shown at a fair and the intentions each reached. */
export interface FairPostingsTable {
  fair_id: string;
  posting_id: string;
  employer_id: string;
  category: string;
  intentions: number;
}

/** Each abuse report of a posting (kind and note as the worker gave them; the reporter is not kept here). */
export interface PostingReportsTable {
  posting_id: string;
  /** The report's number on its posting (1, 2, …). */
  seq: number;
  kind: string;
  note: string | null;
  reported_at: Timestamp;
}

export interface JobsDatabase extends EventStoreTables, ProjectionTables, VerificationTables {
  jobs_vault: JobsVaultTable;
  jobs_keys: JobsKeysTable;
  pii_access_log: PiiAccessLogTable;
  employer_board: EmployerBoardTable;
  posting_board: PostingBoardTable;
  application_board: ApplicationBoardTable;
  open_postings: OpenPostingsTable;
  station_points: StationPointsTable;
  seeker_match: SeekerMatchTable;
  job_pushes: JobPushesTable;
  jobs_figures: JobsFiguresTable;
  fair_board: FairBoardTable;
  fair_postings: FairPostingsTable;
  posting_reports: PostingReportsTable;
}
