import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import type { ExternalChannel } from '@ws/contracts';
import { CLOCK, deriveKey, keyedHash, newId, open, seal } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { NotifyDatabase } from '../db/database';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';

/**
 * WeChat openids and Web Push subscriptions a person bound in the worker pages (with their proof
 * and their consent), sealed under notify's vault key: the only addresses notify keeps. SMS
 * numbers stay with the owning service. Unbinding (or a gone push endpoint) deletes the row.
 * Not the platform's SealedVault: an address has no key of its own. It is sealed directly under
 * the vault key (AAD `binding:<recipient>:<channel>`) in its one row, which unbinding deletes;
 * rows already stored are sealed so, and a key per binding would take a migration of them.
 */
@Injectable()
export class BindingVault {
  private readonly sealKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(
    @Inject(DB) private readonly db: Kysely<NotifyDatabase>,
    @Inject(NOTIFY_CONFIG) config: NotifyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.sealKey = deriveKey(config.vaultKey, 'binding-seal');
    this.hashKey = deriveKey(config.vaultKey, 'binding-hash');
  }

  /** Binds (or renews the consent of) one address; a person may have several devices. */
  async bind(recipientKey: string, channel: Exclude<ExternalChannel, 'sms'>, address: string): Promise<void> {
    const bindingId = newId();
    const addressHash = this.hash(channel, address);
    await this.db
      .insertInto('channel_bindings')
      .values({ binding_id: bindingId, recipient_key: recipientKey, channel, address_hash: addressHash, sealed: seal(this.sealKey, `binding:${recipientKey}:${channel}`, Buffer.from(address, 'utf8')), consent_at: this.clock.now() })
      .onConflict((oc) => oc.columns(['recipient_key', 'channel', 'address_hash']).doUpdateSet({ consent_at: this.clock.now() }))
      .execute();
  }

  async addresses(recipientKey: string, channel: ExternalChannel): Promise<Array<{ hash: string; address: string }>> {
    const rows = await this.db.selectFrom('channel_bindings').select(['address_hash', 'sealed']).where('recipient_key', '=', recipientKey).where('channel', '=', channel).orderBy('consent_at', 'desc').execute();
    return rows.map((row) => ({ hash: row.address_hash, address: open(this.sealKey, `binding:${recipientKey}:${channel}`, row.sealed).toString('utf8') }));
  }

  async unbind(recipientKey: string, channel: ExternalChannel, addressHash?: string): Promise<void> {
    let query = this.db.deleteFrom('channel_bindings').where('recipient_key', '=', recipientKey).where('channel', '=', channel);
    if (addressHash) query = query.where('address_hash', '=', addressHash);
    await query.execute();
  }

  async channelsOf(recipientKeys: string[]): Promise<ExternalChannel[]> {
    if (recipientKeys.length === 0) return [];
    const rows = await this.db.selectFrom('channel_bindings').select('channel').distinct().where('recipient_key', 'in', recipientKeys).execute();
    return rows.map((r) => r.channel as ExternalChannel);
  }

  private hash(channel: string, address: string): string {
    return keyedHash(this.hashKey, `binding:${channel}`, address);
  }
}
