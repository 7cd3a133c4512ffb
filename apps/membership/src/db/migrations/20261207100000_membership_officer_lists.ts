import { Kysely, sql } from 'kysely';

/**
 * Released: never edit. Two officers' lists, both read models (rebuilt from the events):
 *   shop_redemptions  every redemption at the points shop (RedemptionMade), newest first, keyset
 *                     by (redeemed_at, redemption_id); the member by id only.
 *   erasure_requests  every request to erase a person's data (注销个人信息): requested, refused with
 *                     the reason, or done; who recorded and who handled it, and when.
 * Both fill as the events are projected: rebuild membership.shop-redemptions to list redemptions
 * made before this migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table shop_redemptions (
      redemption_id uuid primary key,
      membership_id uuid not null,
      item_id uuid not null,
      quantity integer not null,
      points integer not null,
      station_id text,
      node_code text not null,
      actor_kind text not null,
      redeemed_at timestamptz not null
    )`.execute(db);
  await sql`create index shop_redemptions_keyset on shop_redemptions (redeemed_at desc, redemption_id desc)`.execute(db);
  await sql`
    create table erasure_requests (
      request_id uuid primary key,
      person_id uuid not null,
      node_code text not null,
      status text not null,
      requested_at timestamptz not null,
      requested_by text not null,
      handled_at timestamptz,
      handled_by text,
      reason text
    )`.execute(db);
  await sql`create index erasure_requests_keyset on erasure_requests (requested_at desc, request_id desc)`.execute(db);
  await sql`create index erasure_requests_person on erasure_requests (person_id) where status = 'requested'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erasure_requests').ifExists().execute();
  await db.schema.dropTable('shop_redemptions').ifExists().execute();
}
