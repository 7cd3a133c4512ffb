import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { EXTERNAL_CHANNELS } from '@ws/contracts';
import type { ExternalChannel } from '@ws/contracts';
import { DB } from '@ws/platform';
import { pushEndpointAllowed } from '../../channels/push-endpoints';
import type { NotifyDatabase } from '../../db/database';
import { toProof } from '../../inbox/proof.dto';
import { Proofs } from '../../inbox/proofs';
import { NOTIFY_CONFIG } from '../../notify.config';
import type { NotifyConfig } from '../../notify.config';
import { notifyError } from '../../notify.errors';
import { BindingVault } from '../binding-vault';
import { ChannelChoices } from './channel-choices';
import type { BindChannelDto, PreferencesDto, UnbindChannelDto } from './choose-channels.dto';

/** A proven worker turns channels off or on, and binds (with consent) or unbinds web push and WeChat. */
@Injectable()
export class ChooseChannelsHandler {
  constructor(
    @Inject(DB) private readonly db: Kysely<NotifyDatabase>,
    private readonly proofs: Proofs,
    private readonly bindings: BindingVault,
    private readonly channels: ChannelChoices,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
  ) {}

  async preferences(dto: PreferencesDto) {
    const proven = await this.proofs.check(toProof(dto.proof));
    const wanted: Partial<Record<ExternalChannel, boolean | undefined>> = { sms: dto.smsOff, wechat: dto.wechatOff, push: dto.pushOff };
    await this.db.transaction().execute(async (trx) => {
      for (const channel of EXTERNAL_CHANNELS) {
        const off = wanted[channel];
        if (off === undefined) continue;
        for (const key of proven.keys) {
          if (off) await trx.insertInto('opt_outs').values({ recipient_key: key, channel }).onConflict((oc) => oc.columns(['recipient_key', 'channel']).doNothing()).execute();
          else await trx.deleteFrom('opt_outs').where('recipient_key', '=', key).where('channel', '=', channel).execute();
        }
      }
    });
    return { channels: await this.channels.of(proven) };
  }

  async bind(dto: BindChannelDto) {
    const proven = await this.proofs.check(toProof(dto.proof));
    const address = dto.channel === 'push' ? (dto.subscription ? JSON.stringify({ endpoint: dto.subscription.endpoint, keys: dto.subscription.keys }) : undefined) : dto.openId;
    if (!address) throw notifyError('validation_failed', dto.channel === 'push' ? '缺少 subscription' : '缺少 openId', dto.channel === 'push' ? 'subscription' : 'openId');
    if (this.config.gateways[dto.channel].kind === 'off') throw notifyError('channel_off', '本节点没有开通该渠道', 'channel');
    if (dto.subscription && !pushEndpointAllowed(dto.subscription.endpoint, this.config.pushEndpointOrigins)) {
      throw notifyError('push_endpoint_refused', '这个浏览器的推送服务不在本节点允许的范围内', 'subscription.endpoint');
    }
    for (const key of proven.keys) await this.bindings.bind(key, dto.channel, address);
    return { channels: await this.channels.of(proven) };
  }

  async unbind(dto: UnbindChannelDto) {
    const proven = await this.proofs.check(toProof(dto.proof));
    for (const key of proven.keys) await this.bindings.unbind(key, dto.channel);
    return { channels: await this.channels.of(proven) };
  }
}
