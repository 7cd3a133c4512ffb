import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { EXTERNAL_CHANNELS } from '@ws/contracts';
import { DB } from '@ws/platform';
import type { NotifyDatabase } from '../../db/database';
import type { ProvenRecipients } from '../../inbox/proofs';
import { NOTIFY_CONFIG } from '../../notify.config';
import type { NotifyConfig } from '../../notify.config';
import { BindingVault } from '../binding-vault';

/** A proven worker's channels, as their inbox and their choices answer them. */
@Injectable()
export class ChannelChoices {
  constructor(
    @Inject(DB) private readonly db: Kysely<NotifyDatabase>,
    private readonly bindings: BindingVault,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
  ) {}

  /** Per channel: whether it reaches the person (bound, where binding is needed) and whether they turned it off. */
  async of(proven: ProvenRecipients) {
    const off = new Set((await this.db.selectFrom('opt_outs').select('channel').where('recipient_key', 'in', proven.keys).execute()).map((r) => r.channel));
    const bound = new Set(await this.bindings.channelsOf(proven.keys));
    return EXTERNAL_CHANNELS.map((channel) => ({ channel, available: this.config.gateways[channel].kind !== 'off', bound: channel === 'sms' || bound.has(channel), off: off.has(channel) }));
  }
}
