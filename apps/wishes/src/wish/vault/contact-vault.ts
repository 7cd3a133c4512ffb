import { Inject, Injectable } from '@nestjs/common';
import { Kysely, Transaction } from 'kysely';
import { deriveKey } from '@ws/kernel';
import { DB, SealedVault, sealedText } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';
import { WISHES_CONFIG } from '../../wishes.config';
import type { WishesConfig } from '../../wishes.config';
import { wishesError } from '../../errors';

/** Who read a contact: the officer answering the author, or notify sending an SMS. */
export interface ContactReading {
  actor: string;
  wishId: string;
  purpose: string;
}

/**
 * The contact (a phone number, a WeChat id …) an author chose to leave with a wish: the platform's
 * sealed vault of its UTF-8 text (its own key, wrapped by the master key), as it has been since
 * the first release. The wish's events carry only `contactRef`; forgetting the contact deletes the
 * key (crypto-shredding) and the event log stays intact.
 */
@Injectable()
export class ContactVault {
  private readonly contacts: SealedVault<WishesDatabase, string, 'contact_vault', 'contact_keys', 'contact_access_log'>;

  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    @Inject(WISHES_CONFIG) config: WishesConfig,
  ) {
    this.contacts = new SealedVault(db, deriveKey(config.vaultKey, 'wishes-vault'), {
      purpose: 'contact',
      value: sealedText,
      records: 'contact_vault',
      keys: 'contact_keys',
      ref: 'contact_ref',
      accessLog: 'contact_access_log',
    });
  }

  /** Stores the contact in `trx`, with the wish's events, and when the author agreed to SMS at it. */
  async store(trx: Transaction<WishesDatabase>, contactRef: string, contact: string, smsConsentAt: Date | null): Promise<void> {
    await this.contacts.store(trx, contactRef, contact, { sms_consent_at: smsConsentAt });
  }

  /** The contact and whether the author agreed to SMS at it; undefined once erased. Read unlogged: log with `logReading` what is passed on. */
  async openWithConsent(contactRef: string): Promise<{ contact: string; smsConsent: boolean } | undefined> {
    const row = await this.db.selectFrom('contact_vault').select('sms_consent_at').where('contact_ref', '=', contactRef).executeTakeFirst();
    if (!row) return undefined;
    const contact = await this.contacts.open(contactRef);
    return contact === undefined ? undefined : { contact, smsConsent: row.sms_consent_at !== null };
  }

  /** The contact, the reading written to the access log. */
  async open(contactRef: string, reading: ContactReading): Promise<string> {
    const contact = await this.contacts.open(contactRef, this.logRow(reading));
    if (contact === undefined) throw wishesError('contact_erased', '作者没有留下联系方式，或已删除');
    return contact;
  }

  async logReading(reading: ContactReading): Promise<void> {
    await this.contacts.logReading(this.logRow(reading));
  }

  async erase(contactRef: string): Promise<void> {
    await this.contacts.erase(contactRef);
  }

  private logRow({ actor, wishId, purpose }: ContactReading) {
    return { actor, wish_id: wishId, purpose };
  }
}
