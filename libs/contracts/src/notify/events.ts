import type { DomainEvent } from '../envelope';
import type { Channel, ExternalChannel, SkipReason } from './channels';
import type { MessageKind } from './message-kinds';
import type { Recipient } from './recipients';

/**
 * Events of the notify context (消息触达): one stream per message (`message-<messageId>`), with
 * the deliveries of its channels. The message id derives from its idempotency key (the causing
 * event × recipient × kind), so a redelivered cause composes nothing twice. Ids, codes and the
 * values a template shows only: never an address (mobile, WeChat openid, push endpoint).
 */
export const NOTIFY_CONTEXT = 'notify';

export const NOTIFY_AGGREGATES = { message: 'message' } as const;

/** What a template fills in: short values (numbers, codes, dates, reasons already checked for personal data). */
export type MessageParams = Record<string, string | number | null>;

export interface PlannedDelivery {
  channel: ExternalChannel;
  /** Not before this instant (quiet hours move it to 07:00 Asia/Shanghai). */
  notBefore: string;
}

export type MessageComposed = DomainEvent<'MessageComposed', {
  messageId: string;
  /** The idempotency key: `<cause>:<kind>:<recipient key>`. */
  key: string;
  kind: MessageKind;
  recipient: Recipient;
  params: MessageParams;
  /** The page concerned (a worker page or console route), or null. */
  link: string | null;
  /** Code of the short link `<origin>/s/<code>` to `link`. */
  shortCode: string | null;
  /** The gateway deliveries planned; the inbox holds the message from now on. */
  deliveries: PlannedDelivery[];
  /** A delivery not sent by then is expired (an invitation after its deadline, a reminder after the shift). */
  expiresAt: string;
  /** The event that caused it (null for a scheduled reminder or digest). */
  causeEventId: string | null;
}>;
/** A transient gateway error (5xx, timeout, throttling): tried again at `retryAt`. */
export type DeliveryAttemptFailed = DomainEvent<'DeliveryAttemptFailed', { messageId: string; channel: ExternalChannel; attempt: number; error: string; retryAt: string }>;
/** The gateway accepted it; `gatewayRef` is its id (Aliyun BizId, WeChat msgid …). */
export type DeliverySent = DomainEvent<'DeliverySent', { messageId: string; channel: ExternalChannel; attempt: number; gatewayRef: string | null }>;
/** The gateway's receipt: it reached the phone. */
export type DeliveryDelivered = DomainEvent<'DeliveryDelivered', { messageId: string; channel: ExternalChannel }>;
/** Given up: a permanent error, the attempts used up, or the receipt says it did not arrive. */
export type DeliveryFailed = DomainEvent<'DeliveryFailed', { messageId: string; channel: ExternalChannel; attempt: number; error: string }>;
export type DeliveryExpired = DomainEvent<'DeliveryExpired', { messageId: string; channel: ExternalChannel }>;
export type DeliverySkipped = DomainEvent<'DeliverySkipped', { messageId: string; channel: ExternalChannel; reason: SkipReason }>;
/** The recipient opened it in their inbox. */
export type MessageRead = DomainEvent<'MessageRead', { messageId: string }>;

export type MessageEvent =
  | MessageComposed
  | DeliveryAttemptFailed
  | DeliverySent
  | DeliveryDelivered
  | DeliveryFailed
  | DeliveryExpired
  | DeliverySkipped
  | MessageRead;
export type MessageEventType = MessageEvent['type'];

export const NOTIFY_EVENT_SCHEMAS: Record<MessageEventType, number> = {
  MessageComposed: 1,
  DeliveryAttemptFailed: 1,
  DeliverySent: 1,
  DeliveryDelivered: 1,
  DeliveryFailed: 1,
  DeliveryExpired: 1,
  DeliverySkipped: 1,
  MessageRead: 1,
};

/** The channel an event is about; the inbox for the message itself. */
export function channelOf(event: MessageEvent): Channel {
  return 'channel' in event.data ? event.data.channel : 'inbox';
}
