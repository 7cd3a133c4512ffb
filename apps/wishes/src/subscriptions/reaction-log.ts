import { Inject, Injectable } from '@nestjs/common';
import { Kysely, Transaction } from 'kysely';
import { DB } from '@ws/platform';
import type { WishesDatabase } from '../db/database';

/** Reactions already handled, by derived id: written in the transaction of their events. */
@Injectable()
export class ReactionLog {
  constructor(@Inject(DB) private readonly db: Kysely<WishesDatabase>) {}

  async handled(reactionId: string): Promise<boolean> {
    const row = await this.db.selectFrom('reaction_log').select('reaction_id').where('reaction_id', '=', reactionId).executeTakeFirst();
    return row !== undefined;
  }

  async record(trx: Transaction<WishesDatabase> | null, reactionId: string): Promise<void> {
    await (trx ?? this.db).insertInto('reaction_log').values({ reaction_id: reactionId }).onConflict((oc) => oc.column('reaction_id').doNothing()).execute();
  }
}
