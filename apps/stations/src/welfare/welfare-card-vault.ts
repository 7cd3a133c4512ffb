import { Inject, Injectable } from '@nestjs/common';
import { Kysely, Transaction } from 'kysely';
import { deriveKey } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../db/database';
import { LEGAL_AID_VAULT_KEY } from '../legal-aid/legal-aid-vault';
import { openRecord, sealRecord } from '../vault/sealed-record';
import { stationsError } from '../errors';

const PURPOSE = 'welfare-cards';

/**
 * The member cards (会员卡号) shown at a welfare handout. A card number names a member as surely
 * as a name does, so the cards are kept as the legal-aid workers' details are: sealed with a key
 * of their own per handout, under the stations vault's master key (LEGAL_AID_VAULT_KEY, derived
 * apart), every opening logged, only at the node that recorded the handout. Its event carries
 * only how many cards there were, which is all a city or province reads.
 */
@Injectable()
export class WelfareCardVault {
  private readonly masterKey: Buffer;

  constructor(
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(LEGAL_AID_VAULT_KEY) key: string,
  ) {
    this.masterKey = deriveKey(key, 'welfare-member-cards');
  }

  async store(trx: Transaction<StationsDatabase>, handoutId: string, cards: readonly string[]): Promise<void> {
    const { sealed, wrappedKey } = sealRecord(this.masterKey, PURPOSE, handoutId, cards);
    await trx.insertInto('welfare_member_cards').values({ handout_id: handoutId, sealed }).execute();
    await trx.insertInto('welfare_member_card_keys').values({ handout_id: handoutId, wrapped_key: wrappedKey }).execute();
  }

  /** The cards of one handout, the reading written in the access log with the officer. */
  async open(handoutId: string, actor: string): Promise<string[]> {
    const row = await this.db
      .selectFrom('welfare_member_cards as c')
      .leftJoin('welfare_member_card_keys as k', 'k.handout_id', 'c.handout_id')
      .select(['c.sealed', 'k.wrapped_key'])
      .where('c.handout_id', '=', handoutId)
      .executeTakeFirst();
    // Recorded at another node (the cards stay where they were shown), without cards, or erased.
    if (!row?.wrapped_key) throw stationsError('welfare_cards_not_here', '本节点没有这次发放登记的会员卡号（在其他节点登记、未登记卡号或已删除）', 'id');
    await this.db.insertInto('welfare_member_card_access_log').values({ actor, handout_id: handoutId }).execute();
    return openRecord<string[]>(this.masterKey, PURPOSE, handoutId, { sealed: row.sealed, wrappedKey: row.wrapped_key });
  }
}
