import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Kysely } from 'kysely';
import { checkMobile } from '@ws/contracts';
import type { ContactLookupReply, ContactLookupRequest, RecipientProof, RecipientProofReply } from '@ws/contracts';
import { DB } from '@ws/platform';
import type { PersonalDataOwner } from '@ws/platform';
import type { WishesDatabase } from '../db/database';
import { ContactVault } from '../wish/vault/contact-vault';
import { WishCommands } from '../wish/wish-commands';
import { authorKeyFor, normaliseWishNo, WISH_NO_PATTERN } from '../wish/wish-identity';

/**
 * Wishes' answers to notify: the contact the author left, if it is a mobile and they agreed to be
 * told by SMS there (each read in contact_access_log), and whether a wish number + author key
 * proves the author.
 */
@Injectable()
export class WishesDataOwner implements PersonalDataOwner {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    private readonly wishes: WishCommands,
    private readonly vault: ContactVault,
  ) {}

  async contact(request: ContactLookupRequest): Promise<ContactLookupReply> {
    if (request.recipient.kind !== 'wish_author' || !isUUID(request.recipient.id)) return { status: 'unknown_recipient' };
    const wishId = request.recipient.id;
    const { state } = await this.wishes.load(wishId);
    if (state.status === 'none') return { status: 'unknown_recipient' };
    if (!state.contactRef) return { status: 'no_contact' };
    const left = await this.vault.openWithConsent(state.contactRef);
    if (!left) return { status: 'erased' };
    const mobile = checkMobile(left.contact);
    if (!mobile.ok) return { status: 'no_contact' };
    if (!left.smsConsent) return { status: 'no_consent' };
    await this.vault.logReading({ actor: 'service:notify', wishId, purpose: `notify:${request.purpose}` });
    return { status: 'ok', address: mobile.value };
  }

  async recipient(proof: RecipientProof): Promise<RecipientProofReply> {
    if (proof.kind !== 'wish_author' || typeof proof.wishNo !== 'string' || typeof proof.authorKey !== 'string') return { status: 'refused' };
    const wishNo = normaliseWishNo(proof.wishNo);
    if (!WISH_NO_PATTERN.test(wishNo)) return { status: 'refused' };
    const row = await this.db.selectFrom('wish_numbers').select('wish_id').where('wish_no', '=', wishNo).executeTakeFirst();
    if (!row) return { status: 'refused' };
    const expected = Buffer.from(authorKeyFor(this.wishes.config.authorSecret, row.wish_id));
    const given = Buffer.from(proof.authorKey.trim());
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'refused' };
    return { status: 'ok', recipients: [{ kind: 'wish_author', id: row.wish_id }] };
  }
}
