import { Inject, Injectable } from '@nestjs/common';
import { Kysely, Transaction } from 'kysely';
import { deriveKey, keyedHash } from '@ws/kernel';
import { DB, SealedVault, sealedJson } from '@ws/platform';
import { DISPATCH_CONFIG } from '../../dispatch.config';
import type { DispatchConfig } from '../../dispatch.config';
import type { DispatchDatabase } from '../../db/database';
import { dispatchError } from '../../dispatch.errors';

export interface VolunteerContact {
  name: string;
  mobile: string;
}

export type VolunteerSmsAddress = { status: 'ok'; mobile: string } | { status: 'no_consent' | 'erased' };

/** Who read a volunteer's contact, and why. */
export interface VolunteerReading {
  actor: string;
  purpose: string;
}

/**
 * Volunteers' names and mobiles (JSON) in the platform's sealed vault: the volunteer's own key,
 * wrapped by the master key. Events carry only the volunteer id; erasing deletes the key and the sealed
 * row (crypto-shredding), and the event log stays intact.
 */
@Injectable()
export class VolunteerVault {
  private readonly contacts: SealedVault<DispatchDatabase, VolunteerContact, 'volunteer_vault', 'volunteer_keys', 'pii_access_log'>;
  private readonly hmacKey: Buffer;

  constructor(
    @Inject(DB) private readonly db: Kysely<DispatchDatabase>,
    @Inject(DISPATCH_CONFIG) config: DispatchConfig,
  ) {
    this.contacts = new SealedVault(db, deriveKey(config.vaultKey, 'vault-master'), {
      purpose: 'volunteer',
      value: sealedJson<VolunteerContact>(),
      records: 'volunteer_vault',
      keys: 'volunteer_keys',
      ref: 'volunteer_id',
      accessLog: 'pii_access_log',
    });
    this.hmacKey = deriveKey(config.vaultKey, 'vault-hmac');
  }

  /**
   * Stores the contact in `trx` (with the registration events) and when the volunteer agreed to be
   * told by SMS; a mobile already registered is refused.
   */
  async store(trx: Transaction<DispatchDatabase>, volunteerId: string, contact: VolunteerContact, smsConsentAt: Date | null): Promise<void> {
    const stored = await this.contacts.store(trx, volunteerId, contact, { mobile_hmac: this.mobileHmac(contact.mobile), sms_consent_at: smsConsentAt }, 'mobile_hmac');
    if (!stored) throw dispatchError('volunteer_already_registered', '该手机号已登记为志愿者', 'mobile');
  }

  /** The contact; with `reading`, written to the access log (a masked view goes unlogged). */
  async open(volunteerId: string, reading?: VolunteerReading): Promise<VolunteerContact> {
    const contact = await this.contacts.open(volunteerId, reading && { ...reading, volunteer_id: volunteerId });
    if (!contact) throw dispatchError('personal_data_erased', '该志愿者的个人信息不存在或已删除', 'volunteerId');
    return contact;
  }

  /** The mobile for an SMS, if the volunteer agreed to be told by SMS; the reading is logged. */
  async smsAddress(volunteerId: string, reading: VolunteerReading): Promise<VolunteerSmsAddress> {
    const row = await this.db.selectFrom('volunteer_vault').select('sms_consent_at').where('volunteer_id', '=', volunteerId).executeTakeFirst();
    if (!row) return { status: 'erased' };
    if (!row.sms_consent_at) return { status: 'no_consent' };
    return { status: 'ok', mobile: (await this.open(volunteerId, reading)).mobile };
  }

  /** The volunteer registered with this mobile (matched by HMAC, never decrypted). */
  async volunteerWithMobile(mobile: string): Promise<string | undefined> {
    return (await this.db.selectFrom('volunteer_vault').select('volunteer_id').where('mobile_hmac', '=', this.mobileHmac(mobile)).executeTakeFirst())?.volunteer_id;
  }

  /** Crypto-shredding: without the key the sealed contact (and any backup of it) is unreadable; the sign-in code goes too. */
  async erase(trx: Transaction<DispatchDatabase>, volunteerId: string): Promise<void> {
    await this.contacts.erase(volunteerId, trx);
    await trx.deleteFrom('volunteer_access_codes').where('volunteer_id', '=', volunteerId).execute();
  }

  private mobileHmac(mobile: string): string {
    return keyedHash(this.hmacKey, 'mobile', mobile.replace(/\D/g, ''));
  }
}
