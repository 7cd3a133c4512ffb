import { Inject, Injectable } from '@nestjs/common';
import { Kysely, Transaction } from 'kysely';
import { deriveKey } from '@ws/kernel';
import { DB, SealedVault, sealedJson } from '@ws/platform';
import type { StationsDatabase } from '../db/database';
import { LEGAL_AID_VAULT_KEY } from '../legal-aid/legal-aid-vault';
import { stationsError } from '../errors';

/**
 * The member cards (会员卡号) shown at a welfare handout. A card number names a member as surely
 * as a name does, so the cards are kept as the legal-aid workers' details are: sealed with a key
 * of their own per handout, under the stations vault's master key (LEGAL_AID_VAULT_KEY, derived
 * apart), every opening logged, only at the node that recorded the handout. Its event carries
 * only how many cards there were, which is all a city or province reads.
 */
@Injectable()
export class WelfareCardVault {
  private readonly cards: SealedVault<StationsDatabase, string[], 'welfare_member_cards', 'welfare_member_card_keys', 'welfare_member_card_access_log'>;

  constructor(@Inject(DB) db: Kysely<StationsDatabase>, @Inject(LEGAL_AID_VAULT_KEY) key: string) {
    this.cards = new SealedVault(db, deriveKey(key, 'welfare-member-cards'), {
      purpose: 'welfare-cards',
      value: sealedJson<string[]>(),
      records: 'welfare_member_cards',
      keys: 'welfare_member_card_keys',
      ref: 'handout_id',
      accessLog: 'welfare_member_card_access_log',
    });
  }

  async store(trx: Transaction<StationsDatabase>, handoutId: string, cards: readonly string[]): Promise<void> {
    await this.cards.store(trx, handoutId, [...cards], {});
  }

  /** The cards of one handout, the reading written in the access log with the officer. */
  async open(handoutId: string, actor: string): Promise<string[]> {
    const cards = await this.cards.open(handoutId, { actor, handout_id: handoutId });
    // Recorded at another node (the cards stay where they were shown), without cards, or erased.
    if (!cards) throw stationsError('welfare_cards_not_here', '本节点没有这次发放登记的会员卡号（在其他节点登记、未登记卡号或已删除）', 'id');
    return cards;
  }
}
