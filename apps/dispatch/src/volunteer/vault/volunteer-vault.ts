import { Inject, Injectable } from '@nestjs/common';
import { Kysely, Transaction } from 'kysely';
import { deriveKey, keyedHash, openRecord, sealRecord } from '@ws/kernel';
import { DB } from '@ws/platform';
import { DISPATCH_CONFIG } from '../../dispatch.config';
import type { DispatchConfig } from '../../dispatch.config';
import type { DispatchDatabase } from '../../db/database';
import { dispatchError } from '../../dispatch.errors';

export interface VolunteerContact {
  name: string;
  mobile: string;
}

const PURPOSE = 'volunteer';

export type VolunteerSmsAddress = { status: 'ok'; mobile: string } | { status: 'no_consent' | 'erased' };

/**
 * Volunteers' names and mobiles (JSON), each the kernel's sealed record: the volunteer's own key,
 * wrapped by the master key. Events carry only the volunteer id; erasing deletes the key and the sealed
 * row (crypto-shredding), and the event log stays intact.
 */
@Injectable()
export class VolunteerVault {
  private readonly masterKey: Buffer;
  private readonly hmacKey: Buffer;

  constructor(
    @Inject(DB) private readonly db: Kysely<DispatchDatabase>,
    @Inject(DISPATCH_CONFIG) config: DispatchConfig,
  ) {
    this.masterKey = deriveKey(config.vaultKey, 'vault-master');
    this.hmacKey = deriveKey(config.vaultKey, 'vault-hmac');
  }

  /**
   * Stores the contact in `trx` (with the registration events) and when the volunteer agreed to be
   * told by SMS; a mobile already registered is refused.
   */
  async store(trx: Transaction<any>, volunteerId: string, contact: VolunteerContact, smsConsentAt: Date | null): Promise<void> {
    const { sealed, wrappedKey } = sealRecord(this.masterKey, PURPOSE, volunteerId, Buffer.from(JSON.stringify(contact), 'utf8'));
    const inserted = await (trx as Transaction<DispatchDatabase>)
      .insertInto('volunteer_vault')
      .values({ volunteer_id: volunteerId, mobile_hmac: this.mobileHmac(contact.mobile), sealed, sms_consent_at: smsConsentAt })
      .onConflict((oc) => oc.column('mobile_hmac').doNothing())
      .returning('volunteer_id')
      .executeTakeFirst();
    if (!inserted) throw dispatchError('volunteer_already_registered', '该手机号已登记为志愿者', 'mobile');
    await (trx as Transaction<DispatchDatabase>)
      .insertInto('volunteer_keys')
      .values({ volunteer_id: volunteerId, wrapped_key: wrappedKey })
      .execute();
  }

  async open(volunteerId: string): Promise<VolunteerContact> {
    const row = await this.db
      .selectFrom('volunteer_vault as v')
      .leftJoin('volunteer_keys as k', 'k.volunteer_id', 'v.volunteer_id')
      .select(['v.sealed', 'k.wrapped_key'])
      .where('v.volunteer_id', '=', volunteerId)
      .executeTakeFirst();
    if (!row?.wrapped_key) throw dispatchError('personal_data_erased', '该志愿者的个人信息不存在或已删除', 'volunteerId');
    return JSON.parse(openRecord(this.masterKey, PURPOSE, volunteerId, { sealed: row.sealed, wrappedKey: row.wrapped_key }).toString('utf8')) as VolunteerContact;
  }

  /** The mobile for an SMS, if the volunteer agreed to be told by SMS; the caller logs the read. */
  async smsAddress(volunteerId: string): Promise<VolunteerSmsAddress> {
    const row = await this.db.selectFrom('volunteer_vault').select('sms_consent_at').where('volunteer_id', '=', volunteerId).executeTakeFirst();
    if (!row) return { status: 'erased' };
    if (!row.sms_consent_at) return { status: 'no_consent' };
    return { status: 'ok', mobile: (await this.open(volunteerId)).mobile };
  }

  /** The volunteer registered with this mobile (matched by HMAC, never decrypted). */
  async volunteerWithMobile(mobile: string): Promise<string | undefined> {
    return (await this.db.selectFrom('volunteer_vault').select('volunteer_id').where('mobile_hmac', '=', this.mobileHmac(mobile)).executeTakeFirst())?.volunteer_id;
  }

  /** Crypto-shredding: without the key the sealed contact (and any backup of it) is unreadable. */
  async erase(trx: Transaction<any>, volunteerId: string): Promise<void> {
    const t = trx as Transaction<DispatchDatabase>;
    await t.deleteFrom('volunteer_keys').where('volunteer_id', '=', volunteerId).execute();
    await t.deleteFrom('volunteer_vault').where('volunteer_id', '=', volunteerId).execute();
    await t.deleteFrom('volunteer_access_codes').where('volunteer_id', '=', volunteerId).execute();
  }

  private mobileHmac(mobile: string): string {
    return keyedHash(this.hmacKey, 'mobile', mobile.replace(/\D/g, ''));
  }
}
