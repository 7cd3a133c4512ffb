import { Kysely, sql } from 'kysely';
import type { IdentityDatabase } from '../db/database';

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; accountId?: string; consumed?: number };

/**
 * oidc-provider's storage in the service's Postgres (its adapter interface): every artifact
 * survives a restart and is seen by every instance. A grant also leaves a row in oidc_grants,
 * its account named, so the session (the tokens' `sid`) can be revoked by account and a
 * revocation announced after the grant itself is gone.
 */
export function postgresAdapter(db: Kysely<IdentityDatabase>) {
  return class PostgresAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('oidc_models')
          .values({
            model: this.model,
            id,
            payload: JSON.stringify(payload),
            grant_id: payload.grantId ?? null,
            uid: payload.uid ?? null,
            user_code: payload.userCode ?? null,
            expires_at: expiresAt,
            consumed_at: null,
          })
          .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet((eb) => ({ payload: eb.ref('excluded.payload'), grant_id: eb.ref('excluded.grant_id'), uid: eb.ref('excluded.uid'), expires_at: eb.ref('excluded.expires_at') })))
          .execute();
        if (this.model === 'Grant' && payload.accountId) {
          await trx
            .insertInto('oidc_grants')
            .values({ grant_id: id, account_id: payload.accountId, expires_at: expiresAt ?? new Date(Date.now() + 365 * 86_400_000), revoked_at: null })
            .onConflict((oc) => oc.column('grant_id').doUpdateSet((eb) => ({ expires_at: eb.ref('excluded.expires_at') })))
            .execute();
        }
      });
    }

    find(id: string): Promise<Payload | undefined> {
      return this.findWhere(sql`id = ${id}`);
    }

    findByUid(uid: string): Promise<Payload | undefined> {
      return this.findWhere(sql`uid = ${uid}`);
    }

    findByUserCode(userCode: string): Promise<Payload | undefined> {
      return this.findWhere(sql`user_code = ${userCode}`);
    }

    async consume(id: string): Promise<void> {
      await db.updateTable('oidc_models').set({ consumed_at: new Date() }).where('model', '=', this.model).where('id', '=', id).execute();
    }

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('oidc_models').where('model', '=', this.model).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oidc_models').where('model', '=', this.model).where('grant_id', '=', grantId).execute();
    }

    private async findWhere(condition: ReturnType<typeof sql>): Promise<Payload | undefined> {
      const { rows } = await sql<{ payload: Payload; consumed_at: Date | null }>`
        select payload, consumed_at from oidc_models
        where model = ${this.model} and ${condition} and (expires_at is null or expires_at > now())`.execute(db);
      const row = rows[0];
      if (!row) return undefined;
      return row.consumed_at ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : row.payload;
    }
  };
}

/** Removes artifacts past their expiry (a sweep at start and now and then). */
export async function sweepExpired(db: Kysely<IdentityDatabase>): Promise<void> {
  await db.deleteFrom('oidc_models').where('expires_at', '<', new Date()).execute();
  await db.deleteFrom('oidc_grants').where('expires_at', '<', new Date(Date.now() - 86_400_000)).execute();
  await db.deleteFrom('upstream_sign_ins').where('expires_at', '<', new Date()).execute();
}
