import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import { isWorkerRecipient, recipientKey } from '@ws/contracts';
import type { ExternalChannel, MessageKind, MessageParams, Recipient } from '@ws/contracts';
import { deriveKey, derivedId } from '@ws/kernel';
import type { NotifyDatabase } from '../db/database';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { MessageCommands } from './message-commands';

/** What a reaction, a reminder or a digest asks to be told to someone. */
export interface MessageRequest {
  /** The causing event's id, or a reminder's or digest's id: with kind and recipient, the idempotency key. */
  cause: string;
  /** True when the cause is an event of the bus (else a reminder or digest of notify's own). */
  causeIsEvent: boolean;
  kind: MessageKind;
  recipient: Recipient;
  params: MessageParams;
  link: string | null;
  /** Whether the owning service may hold an SMS address (a wish author who left no contact has none). */
  sms: boolean;
  /** Default: NOTIFY_MESSAGE_TTL_HOURS after composition. */
  expiresAt?: Date;
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const SHORT_CODE_LENGTH = 10;

/**
 * Composes a message in the caller's transaction (a reaction's batch with its checkpoint, a
 * reminder's firing): the message id derives from the idempotency key, so composing the same
 * key again does nothing. The gateway deliveries the recipient can be reached on are queued.
 */
@Injectable()
export class MessageComposer {
  private readonly linkKey: Buffer;

  constructor(
    private readonly messages: MessageCommands,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
  ) {
    this.linkKey = deriveKey(config.vaultKey, 'short-link');
  }

  async compose(trx: Transaction<NotifyDatabase>, request: MessageRequest): Promise<string> {
    const to = recipientKey(request.recipient);
    const messageId = derivedId(request.cause, `${request.kind}:${to}`);
    const now = this.messages.now();
    const { channels, optedOut } = isWorkerRecipient(request.recipient) ? await this.reachableChannels(trx, to, request.sms) : { channels: [], optedOut: [] };
    const shortCode = request.link && isWorkerRecipient(request.recipient) ? this.shortCode(messageId) : null;
    if (shortCode) await trx.insertInto('short_links').values({ code: shortCode, path: request.link! }).onConflict((oc) => oc.column('code').doNothing()).execute();
    const expiresAt = request.expiresAt ?? new Date(now.getTime() + this.config.messageTtlMs);
    // Composed already (the same cause again): the decider answers nothing, and nothing is queued.
    await this.messages.run(
      messageId,
      {
        type: 'ComposeMessage',
        draft: {
          messageId,
          key: `${request.cause}:${request.kind}:${to}`,
          kind: request.kind,
          recipient: request.recipient,
          params: request.params,
          link: request.link,
          shortCode,
          expiresAt: expiresAt.toISOString(),
          causeEventId: request.causeIsEvent ? request.cause : null,
        },
        channels,
        optedOut,
      },
      {
        trx,
        meta: { actor: 'system:notify', ...(request.causeIsEvent ? { causationId: request.cause } : {}) },
        afterAppend: async (t, written) => {
          const composed = written.find((e) => e.type === 'MessageComposed')?.data as { deliveries: { channel: ExternalChannel; notBefore: string }[] } | undefined;
          const queued = (composed?.deliveries ?? []).filter((d) => !optedOut.includes(d.channel));
          if (queued.length === 0) return;
          await (t as Transaction<NotifyDatabase>)
            .insertInto('delivery_queue')
            .values(queued.map((d) => ({ message_id: messageId, channel: d.channel, kind: request.kind, recipient_key: to, due_at: d.notBefore, expires_at: expiresAt, attempts: 0 })))
            .execute();
        },
      },
    );
    return messageId;
  }

  /**
   * SMS through the owner (when it may hold an address), WeChat and push where the person bound
   * them; and which of those they turned off. One query.
   */
  private async reachableChannels(trx: Transaction<NotifyDatabase>, to: string, sms: boolean): Promise<{ channels: ExternalChannel[]; optedOut: ExternalChannel[] }> {
    const { gateways } = this.config;
    const { rows } = await sql<{ channel: ExternalChannel; what: 'bound' | 'off' }>`
      select distinct channel, 'bound' as what from channel_bindings where recipient_key = ${to}
      union all select channel, 'off' as what from opt_outs where recipient_key = ${to}`.execute(trx);
    const bound = new Set(rows.filter((r) => r.what === 'bound').map((r) => r.channel));
    const channels: ExternalChannel[] = [];
    if (sms && gateways.sms.kind !== 'off') channels.push('sms');
    if (bound.has('wechat') && gateways.wechat.kind !== 'off') channels.push('wechat');
    if (bound.has('push') && gateways.push.kind !== 'off') channels.push('push');
    return { channels, optedOut: rows.filter((r) => r.what === 'off' && channels.includes(r.channel)).map((r) => r.channel) };
  }

  /** Ten Crockford characters (50 bits) from the message id: the same message, the same code. */
  private shortCode(messageId: string): string {
    const digest = createHmac('sha256', this.linkKey).update(messageId).digest();
    return Array.from({ length: SHORT_CODE_LENGTH }, (_, i) => CROCKFORD[digest[i]! & 31]).join('');
  }
}
