import { Kysely, sql } from 'kysely';

/** A case whose worker's details were erased (LegalWorkerErased): when, by whom (the event's actor), why. Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table legal_cases add column worker_erased_at timestamptz, add column worker_erased_by text, add column worker_erasure_reason text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table legal_cases drop column worker_erased_at, drop column worker_erased_by, drop column worker_erasure_reason`.execute(db);
}
