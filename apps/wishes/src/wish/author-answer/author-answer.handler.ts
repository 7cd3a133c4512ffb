import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { DB } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';
import { ContactVault } from '../vault/contact-vault';
import { WishCommands } from '../wish-commands';
import { sha256Hex } from '../wish-identity';
import { wishIdByNo } from '../wish-lookup';
import type { AuthorKeyDto, ConfirmWishDto, ReopenWishDto } from './author-answer.dto';
import { wishesError } from '../../errors';

/**
 * The author's answers, the wish found by its public number on the write side: the decider checks
 * the author key for a confirmation or a reopening; forgetting the contact checks it here, as it
 * changes the vault and no stream.
 */
@Injectable()
export class AuthorAnswerHandler {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    private readonly wishes: WishCommands,
    private readonly vault: ContactVault,
  ) {}

  async confirm(wishNo: string, dto: ConfirmWishDto) {
    const wishId = await wishIdByNo(this.db, wishNo);
    const result = await this.wishes.execute(
      wishId,
      { type: 'ConfirmWish', authorKeyHash: sha256Hex(dto.authorKey), rating: dto.rating, comment: dto.comment ?? null },
      { meta: { actor: 'author' } },
    );
    return { wishId, status: result.state.status };
  }

  async reopen(wishNo: string, dto: ReopenWishDto) {
    const wishId = await wishIdByNo(this.db, wishNo);
    const result = await this.wishes.execute(wishId, { type: 'ReopenWish', authorKeyHash: sha256Hex(dto.authorKey), reason: dto.reason }, { meta: { actor: 'author' } });
    return { wishId, status: result.state.status, deadline: result.state.deadline };
  }

  async forgetContact(wishNo: string, dto: AuthorKeyDto) {
    const wishId = await wishIdByNo(this.db, wishNo);
    const { state } = await this.wishes.load(wishId);
    if (sha256Hex(dto.authorKey) !== state.authorKeyHash) throw wishesError('author_key_invalid', '凭证与心愿不符', 'authorKey');
    if (state.contactRef) await this.vault.erase(state.contactRef);
    return { wishId, contactErased: true };
  }
}
