import { pushEndpointAllowed } from '../channels/push-endpoints';
import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Kysely } from 'kysely';
import { EXTERNAL_CHANNELS } from '@ws/contracts';
import type { ExternalChannel } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import { BindingVault } from '../bindings/binding-vault';
import type { NotifyDatabase } from '../db/database';
import { MessageCommands } from '../message/message-commands';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { BindChannelDto, InboxQueryDto, MarkReadDto, PreferencesDto, toProof, UnbindChannelDto } from './inbox.dto';
import { inboxPage, ownMessages } from './inbox.query';
import { Proofs, ProvenRecipients } from './proofs';
import { notifyError } from '../notify.errors';

/** A proof is checked by the owning service on every call: a guesser gets few tries. */
const PROOF_THROTTLE = { default: { limit: 60, ttl: 60_000 } };

/**
 * The worker's inbox (站内信) and channel choices, for the worker pages. Every call carries the
 * worker's proof in the body (never in the URL); the owning service says whom it speaks for.
 */
@ApiTags('站内信 inbox')
@Controller('inbox')
export class WorkerInboxController {
  constructor(
    @Inject(DB) private readonly db: Kysely<NotifyDatabase>,
    private readonly proofs: Proofs,
    private readonly messages: MessageCommands,
    private readonly bindings: BindingVault,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
  ) {}

  @Post('query')
  @HttpCode(200)
  @Public()
  @Throttle(PROOF_THROTTLE)
  @ApiOperation({ summary: '我的站内信（凭证放在请求体里），新的在前，按 next 翻页', description: '答复 { recipients, items, unread, next, channels }' })
  @ApiOkResponse({ description: 'items: [{ messageId, kind, kindLabel, title, body, link, shortLink, createdAt, read }]' })
  async query(@Body() dto: InboxQueryDto) {
    const proven = await this.proofs.check(toProof(dto.proof));
    const page = await inboxPage(this.db, proven.keys, dto.after, dto.limit ?? 20);
    return { recipients: proven.recipients, ...page, channels: await this.channels(proven) };
  }

  @Post('read')
  @HttpCode(200)
  @Public()
  @Throttle(PROOF_THROTTLE)
  @ApiOperation({ summary: '标为已读' })
  async read(@Body() dto: MarkReadDto) {
    const proven = await this.proofs.check(toProof(dto.proof));
    const own = await ownMessages(this.db, proven.keys, dto.messageIds);
    for (const messageId of own) await this.messages.run(messageId, { type: 'MarkRead' }, { meta: { actor: 'recipient' } });
    return { read: own };
  }

  @Post('preferences')
  @HttpCode(200)
  @Public()
  @Throttle(PROOF_THROTTLE)
  @ApiOperation({ summary: '退订或恢复某个渠道（短信、微信、网页推送）；站内信始终保留' })
  async preferences(@Body() dto: PreferencesDto) {
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
    return { channels: await this.channels(proven) };
  }

  @Post('bindings')
  @HttpCode(200)
  @Public()
  @Throttle(PROOF_THROTTLE)
  @ApiOperation({ summary: '开通网页推送或微信订阅通知（须本人同意；地址加密保存，只用于通知）' })
  async bind(@Body() dto: BindChannelDto) {
    const proven = await this.proofs.check(toProof(dto.proof));
    const address = dto.channel === 'push' ? (dto.subscription ? JSON.stringify({ endpoint: dto.subscription.endpoint, keys: dto.subscription.keys }) : undefined) : dto.openId;
    if (!address) throw notifyError('validation_failed', dto.channel === 'push' ? '缺少 subscription' : '缺少 openId', dto.channel === 'push' ? 'subscription' : 'openId');
    if (this.config.gateways[dto.channel].kind === 'off') throw notifyError('channel_off', '本节点没有开通该渠道', 'channel');
    if (dto.subscription && !pushEndpointAllowed(dto.subscription.endpoint, this.config.pushEndpointOrigins)) {
      throw notifyError('push_endpoint_refused', '这个浏览器的推送服务不在本节点允许的范围内', 'subscription.endpoint');
    }
    for (const key of proven.keys) await this.bindings.bind(key, dto.channel, address);
    return { channels: await this.channels(proven) };
  }

  @Post('bindings/remove')
  @HttpCode(200)
  @Public()
  @Throttle(PROOF_THROTTLE)
  @ApiOperation({ summary: '解除网页推送或微信订阅通知（删除所存地址）' })
  async unbind(@Body() dto: UnbindChannelDto) {
    const proven = await this.proofs.check(toProof(dto.proof));
    for (const key of proven.keys) await this.bindings.unbind(key, dto.channel);
    return { channels: await this.channels(proven) };
  }

  /** Per channel: whether it reaches the person (bound, where binding is needed) and whether they turned it off. */
  private async channels(proven: ProvenRecipients) {
    const off = new Set((await this.db.selectFrom('opt_outs').select('channel').where('recipient_key', 'in', proven.keys).execute()).map((r) => r.channel));
    const bound = new Set(await this.bindings.channelsOf(proven.keys));
    return EXTERNAL_CHANNELS.map((channel) => ({ channel, available: this.config.gateways[channel].kind !== 'off', bound: channel === 'sms' || bound.has(channel), off: off.has(channel) }));
  }
}

@ApiTags('站内信 inbox')
@Controller('push')
export class PushKeyController {
  constructor(@Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig) {}

  @Get('public-key')
  @Public()
  @ApiOperation({ summary: '网页推送的 VAPID 公钥（pushManager.subscribe 的 applicationServerKey）' })
  publicKey() {
    const push = this.config.gateways.push;
    return { publicKey: push.kind === 'off' ? null : (push.publicKey ?? null), gateway: push.kind };
  }
}
