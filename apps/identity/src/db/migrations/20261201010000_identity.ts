import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table accounts (
      account_id uuid primary key,
      user_name text not null,
      display_name text not null,
      role text not null,
      node text not null,
      street text,
      station uuid,
      disabled boolean not null default false,
      must_change_password boolean not null,
      totp_enrolled boolean not null default false,
      locked_until timestamptz,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create unique index accounts_user_name on accounts (lower(user_name))`.execute(db);
  await sql`create index accounts_page on accounts (node, user_name, account_id)`.execute(db);
  await sql`
    create table credentials (
      account_id uuid primary key references accounts (account_id),
      password_hash text not null,
      totp_sealed bytea,
      totp_last_step bigint
    )`.execute(db);
  await sql`
    create table oidc_models (
      model text not null,
      id text not null,
      payload jsonb not null,
      grant_id text,
      uid text,
      user_code text,
      expires_at timestamptz,
      consumed_at timestamptz,
      primary key (model, id)
    )`.execute(db);
  await sql`create index oidc_models_grant on oidc_models (grant_id) where grant_id is not null`.execute(db);
  await sql`create index oidc_models_uid on oidc_models (uid) where uid is not null`.execute(db);
  await sql`create index oidc_models_expiry on oidc_models (expires_at)`.execute(db);
  await sql`
    create table oidc_grants (
      grant_id text primary key,
      account_id uuid not null,
      expires_at timestamptz not null,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index oidc_grants_account on oidc_grants (account_id) where revoked_at is null`.execute(db);
  await sql`
    create table sign_ins (
      uid text primary key,
      account_id uuid not null,
      stage text not null,
      pending_totp text,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`
    create table signing_keys (
      kid text primary key,
      public_jwk jsonb not null,
      not_before timestamptz not null,
      not_after timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['signing_keys', 'sign_ins', 'oidc_grants', 'oidc_models', 'credentials', 'accounts']) await db.schema.dropTable(table).execute();
}
