import type { ColumnType } from 'kysely';
import type { EventStoreTables, Json } from '@ws/eventstore';
import type { ProjectionTables } from '@ws/projections';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

/**
 * Each account as its events left it, written in the events' transaction: the user name is
 * unique here (the sign-in looks it up), the lists page over it.
 */
export interface AccountsTable {
  account_id: string;
  user_name: string;
  display_name: string;
  role: string;
  node: string;
  street: string | null;
  station: string | null;
  disabled: boolean;
  must_change_password: boolean;
  totp_enrolled: boolean;
  locked_until: NullableTimestamp;
  created_at: Timestamp;
}

/** What proves an account: the argon2id hash (PHC string) and the sealed TOTP secret, never in events. */
export interface CredentialsTable {
  account_id: string;
  password_hash: string;
  /** Sealed with IDENTITY_VAULT_KEY; a secret being enrolled until its first code is right. */
  totp_sealed: Buffer | null;
  /** The last TOTP time step used: a code is good once. */
  totp_last_step: ColumnType<number | null, number | null, number | null>;
}

/** oidc-provider's artifacts (sessions, interactions, codes, grants, refresh tokens), by model and id. */
export interface OidcModelsTable {
  model: string;
  id: string;
  payload: Json<Record<string, unknown>>;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  expires_at: NullableTimestamp;
  consumed_at: NullableTimestamp;
}

/** Every grant (a signed-in session of the console): its id is the tokens' `sid`, kept past its deletion so a revocation names its account. */
export interface OidcGrantsTable {
  grant_id: string;
  account_id: string;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

/** A sign-in between its steps (password done, TOTP or a new password to come), by interaction uid. */
/** A sign-in at the upstream provider: started from interaction `uid`, finished when it names an account. */
export interface UpstreamSignInsTable {
  state: string;
  uid: string;
  nonce: string;
  verifier: string;
  account_id: string | null;
  expires_at: Timestamp;
}

export interface SignInsTable {
  uid: string;
  account_id: string;
  stage: 'totp' | 'enrol' | 'password';
  /** A TOTP secret being enrolled, sealed, until its first code is right. */
  pending_totp: string | null;
  expires_at: Timestamp;
}

/** The signing keys seen, with the window in which tokens they sign are good. */
export interface SigningKeysTable {
  kid: string;
  public_jwk: Json<Record<string, string>>;
  not_before: Timestamp;
  not_after: NullableTimestamp;
}

export interface IdentityDatabase extends EventStoreTables, ProjectionTables {
  accounts: AccountsTable;
  credentials: CredentialsTable;
  oidc_models: OidcModelsTable;
  oidc_grants: OidcGrantsTable;
  signing_keys: SigningKeysTable;
  sign_ins: SignInsTable;
  upstream_sign_ins: UpstreamSignInsTable;
}
