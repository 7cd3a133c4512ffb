import { Inject, Injectable } from '@nestjs/common';
import { Kysely, Transaction } from 'kysely';
import { deriveKey, DomainError, openRecord, sealRecord } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';
import { WISHES_CONFIG } from '../../wishes.config';
import type { WishesConfig } from '../../wishes.config';
import { wishesError } from '../../errors';

const PURPOSE = 'contact';

/**
 * The contact (a phone number, a WeChat id …) an author chose to leave with a wish: the kernel's
 * sealed record of its UTF-8 text (its own key, wrapped by the master key), as it has been since
 * the first release. The wish's events carry only `contactRef`; forgetting the contact deletes the
 * key (crypto-shredding) and the event log stays intact.
 */
@Injectable()
export class ContactVault {
  private readonly masterKey: Buffer;

  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    @Inject(WISHES_CONFIG) config: WishesConfig,
  ) {
    this.masterKey = deriveKey(config.vaultKey, 'wishes-vault');
  }

  /** Stores the contact in `trx`, with the wish's events, and when the author agreed to SMS at it. */
  async store(trx: Transaction<WishesDatabase>, contactRef: string, contact: string, smsConsentAt: Date | null): Promise<void> {
    const { sealed, wrappedKey } = sealRecord(this.masterKey, PURPOSE, contactRef, Buffer.from(contact, 'utf8'));
    await trx.insertInto('contact_vault').values({ contact_ref: contactRef, sealed, sms_consent_at: smsConsentAt }).execute();
    await trx.insertInto('contact_keys').values({ contact_ref: contactRef, wrapped_key: wrappedKey }).execute();
  }

  /** The contact and whether the author agreed to SMS at it; undefined once erased. */
  async openWithConsent(contactRef: string): Promise<{ contact: string; smsConsent: boolean } | undefined> {
    const row = await this.db.selectFrom('contact_vault').select('sms_consent_at').where('contact_ref', '=', contactRef).executeTakeFirst();
    if (!row) return undefined;
    try {
      return { contact: await this.open(contactRef), smsConsent: row.sms_consent_at !== null };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'contact_erased') return undefined;
      throw error;
    }
  }

  async open(contactRef: string): Promise<string> {
    const row = await this.db
      .selectFrom('contact_vault as v')
      .leftJoin('contact_keys as k', 'k.contact_ref', 'v.contact_ref')
      .select(['v.sealed', 'k.wrapped_key'])
      .where('v.contact_ref', '=', contactRef)
      .executeTakeFirst();
    if (!row?.wrapped_key) throw wishesError('contact_erased', '作者没有留下联系方式，或已删除');
    return openRecord(this.masterKey, PURPOSE, contactRef, { sealed: row.sealed, wrappedKey: row.wrapped_key }).toString('utf8');
  }

  async erase(contactRef: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('contact_keys').where('contact_ref', '=', contactRef).execute();
      await trx.deleteFrom('contact_vault').where('contact_ref', '=', contactRef).execute();
    });
  }
}
