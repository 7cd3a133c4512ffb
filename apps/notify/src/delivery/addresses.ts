import { Inject, Injectable } from '@nestjs/common';
import { contactLookupSubject, isWorkerRecipient, RECIPIENT_OWNERS, recipientKey } from '@ws/contracts';
import type { ContactLookupReply, ContactLookupRequest, ExternalChannel, MessageKind, Recipient, SkipReason } from '@ws/contracts';
import { requestReply, RequestUnanswered } from '@ws/messaging';
import type { BusConnection } from '@ws/messaging';
import { NATS, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { BindingVault } from '../bindings/binding-vault';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';

/** Where to send, for this attempt only: the caller drops it once the gateway answered. */
export type AddressLookup =
  | { status: 'ok'; addresses: Array<{ address: string; bindingHash?: string }> }
  | { status: 'skip'; reason: SkipReason }
  /** The owning service did not answer: try again later. */
  | { status: 'unavailable' };

const SKIPS: Record<Exclude<ContactLookupReply['status'], 'ok'>, SkipReason> = {
  no_consent: 'no_consent',
  no_contact: 'no_contact',
  erased: 'erased',
  unknown_recipient: 'no_contact',
};

/**
 * A recipient's address on a channel at send time: an SMS number from the service that owns the
 * person's data (core request/reply; the owner checks consent and logs the read), WeChat and push
 * from notify's binding vault. Nothing is cached.
 */
@Injectable()
export class Addresses {
  constructor(
    @Inject(NATS) private readonly nc: BusConnection,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
    private readonly bindings: BindingVault,
  ) {}

  async lookup(channel: ExternalChannel, recipient: Recipient, messageId: string, purpose: MessageKind | 'delivery_check'): Promise<AddressLookup> {
    if (!isWorkerRecipient(recipient)) return { status: 'skip', reason: 'no_contact' };
    if (channel !== 'sms') {
      const bound = await this.bindings.addresses(recipientKey(recipient), channel);
      if (bound.length === 0) return { status: 'skip', reason: 'no_contact' };
      return { status: 'ok', addresses: (channel === 'wechat' ? bound.slice(0, 1) : bound).map((b) => ({ address: b.address, bindingHash: b.hash })) };
    }
    const subject = contactLookupSubject(this.platform.node.code, RECIPIENT_OWNERS[recipient.kind]);
    try {
      const reply = await requestReply<ContactLookupRequest, ContactLookupReply>(
        this.nc,
        subject,
        { recipient: { kind: recipient.kind, id: recipient.id }, channel: 'sms', purpose, messageId },
        this.config.lookupTimeoutMs,
      );
      return reply.status === 'ok' ? { status: 'ok', addresses: [{ address: reply.address }] } : { status: 'skip', reason: SKIPS[reply.status] ?? 'no_contact' };
    } catch (error) {
      if (error instanceof RequestUnanswered) return { status: 'unavailable' };
      throw error;
    }
  }
}
