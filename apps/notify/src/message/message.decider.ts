import type {
  DeliveryStatus,
  ExternalChannel,
  MessageComposed,
  MessageEvent,
  MessageKind,
  MessageParams,
  Recipient,
  SkipReason,
} from '@ws/contracts';
import { assertNever, DomainError } from '@ws/kernel';
import type { DecideContext, Decider } from '@ws/kernel';
import { earliestSend, type QuietHours } from '../rules/quiet-hours';
import { notifyError } from '../notify.errors';

export interface DeliveryPolicy {
  quietHours: QuietHours;
  /** Attempts before a delivery fails on transient errors. */
  maxAttempts: number;
  /** The wait after the first transient failure; doubled after each further one, at most an hour. */
  retryBaseMs: number;
}

/** What composing a message decides on: the event's content but the deliveries, which the decider plans. */
export type MessageDraft = Omit<MessageComposed['data'], 'deliveries'>;

/** What a gateway said about one attempt. */
export type AttemptOutcome =
  | { type: 'sent'; gatewayRef: string | null }
  | { type: 'transient'; error: string }
  | { type: 'permanent'; error: string }
  | { type: 'skipped'; reason: SkipReason };

export type MessageCommand =
  /** `channels`: the gateways the recipient can be reached on for this kind; `optedOut`: those they turned off. */
  | { type: 'ComposeMessage'; draft: MessageDraft; channels: ExternalChannel[]; optedOut: ExternalChannel[] }
  | { type: 'RecordAttempt'; channel: ExternalChannel; attempt: number; outcome: AttemptOutcome }
  | { type: 'RecordReceipt'; channel: ExternalChannel; gatewayRef: string; delivered: boolean; error: string | null }
  /** The delivery's time ran out before it could be sent. */
  | { type: 'ExpireDelivery'; channel: ExternalChannel }
  | { type: 'MarkRead' };

export interface DeliveryState {
  status: DeliveryStatus;
  attempts: number;
  notBefore: string;
  gatewayRef: string | null;
  lastError: string | null;
}

export interface MessageState {
  status: 'none' | 'composed';
  messageId: string;
  kind: MessageKind | null;
  recipient: Recipient | null;
  params: MessageParams;
  link: string | null;
  shortCode: string | null;
  expiresAt: string;
  read: boolean;
  deliveries: Partial<Record<ExternalChannel, DeliveryState>>;
}

export const FINAL_DELIVERY_STATUSES: readonly DeliveryStatus[] = ['delivered', 'failed', 'expired', 'skipped'];
const MAX_RETRY_DELAY_MS = 3600_000;

export function initialMessageState(): MessageState {
  return { status: 'none', messageId: '', kind: null, recipient: null, params: {}, link: null, shortCode: null, expiresAt: '', read: false, deliveries: {} };
}

/**
 * A message and its deliveries (消息与投递). Composed once per idempotency key; each gateway
 * channel then goes pending → sent → delivered, or fails (a permanent error, or transient ones
 * until the attempts are used up, each retry later than the one before and never in quiet hours),
 * expires (not sent before the message's time ran out) or is skipped (opted out, no consent, no
 * contact, the day's cap). The inbox holds the message from composition on.
 */
export function createMessageDecider(policy: DeliveryPolicy): Decider<MessageCommand, MessageEvent, MessageState> {
  return {
    initialState: initialMessageState,
    evolve: evolveMessage,
    decide: (command, state, context) => decideMessage(policy, command, state, context),
  };
}

function decideMessage(policy: DeliveryPolicy, command: MessageCommand, state: MessageState, { now }: DecideContext): MessageEvent[] | DomainError {
  if (command.type === 'ComposeMessage') {
    if (state.status !== 'none') return []; // the same key again: composed already
    const { draft } = command;
    const notBefore = earliestSend(draft.kind, now, policy.quietHours).toISOString();
    const skipped = command.channels.filter((channel) => command.optedOut.includes(channel));
    const planned = command.channels.filter((channel) => !skipped.includes(channel));
    const composed: MessageComposed = {
      type: 'MessageComposed',
      data: { ...draft, deliveries: [...planned, ...skipped].map((channel) => ({ channel, notBefore })) },
    };
    return [composed, ...skipped.map((channel): MessageEvent => ({ type: 'DeliverySkipped', data: { messageId: draft.messageId, channel, reason: 'opted_out' } }))];
  }
  if (state.status === 'none') return notifyError('message_not_found', '没有这条消息');
  const messageId = state.messageId;
  switch (command.type) {
    case 'RecordAttempt': {
      const delivery = state.deliveries[command.channel];
      if (!delivery) return notifyError('delivery_not_found', `这条消息没有 ${command.channel} 投递`, 'channel');
      // A second report of an attempt already recorded (a retried write) changes nothing.
      if (delivery.status !== 'pending' || command.attempt <= delivery.attempts) return [];
      const { channel, attempt, outcome } = command;
      switch (outcome.type) {
        case 'sent':
          return [{ type: 'DeliverySent', data: { messageId, channel, attempt, gatewayRef: outcome.gatewayRef } }];
        case 'skipped':
          return [{ type: 'DeliverySkipped', data: { messageId, channel, reason: outcome.reason } }];
        case 'permanent':
          return [{ type: 'DeliveryFailed', data: { messageId, channel, attempt, error: outcome.error } }];
        case 'transient': {
          if (attempt >= policy.maxAttempts) return [{ type: 'DeliveryFailed', data: { messageId, channel, attempt, error: outcome.error } }];
          const wait = Math.min(MAX_RETRY_DELAY_MS, policy.retryBaseMs * 2 ** (attempt - 1));
          const retryAt = earliestSend(state.kind!, new Date(now.getTime() + wait), policy.quietHours);
          if (retryAt.getTime() >= Date.parse(state.expiresAt)) return [{ type: 'DeliveryExpired', data: { messageId, channel } }];
          return [{ type: 'DeliveryAttemptFailed', data: { messageId, channel, attempt, error: outcome.error, retryAt: retryAt.toISOString() } }];
        }
        default:
          return assertNever(outcome, 'attempt outcome');
      }
    }
    case 'RecordReceipt': {
      const delivery = state.deliveries[command.channel];
      if (!delivery || delivery.status !== 'sent' || delivery.gatewayRef !== command.gatewayRef) return [];
      return command.delivered
        ? [{ type: 'DeliveryDelivered', data: { messageId, channel: command.channel } }]
        : [{ type: 'DeliveryFailed', data: { messageId, channel: command.channel, attempt: delivery.attempts, error: command.error ?? 'not_delivered' } }];
    }
    case 'ExpireDelivery':
      if (state.deliveries[command.channel]?.status !== 'pending' || !isExpired(state, now)) return [];
      return [{ type: 'DeliveryExpired', data: { messageId, channel: command.channel } }];
    case 'MarkRead':
      return state.read ? [] : [{ type: 'MessageRead', data: { messageId } }];
    default:
      return assertNever(command, 'message command');
  }
}

/** Whether a pending delivery may still go out at `now`. */
export function isExpired(state: MessageState, now: Date): boolean {
  return now.getTime() >= Date.parse(state.expiresAt);
}

function withDelivery(state: MessageState, channel: ExternalChannel, change: Partial<DeliveryState>): MessageState {
  const current = state.deliveries[channel];
  if (!current) return state;
  return { ...state, deliveries: { ...state.deliveries, [channel]: { ...current, ...change } } };
}

export function evolveMessage(state: MessageState, event: MessageEvent): MessageState {
  switch (event.type) {
    case 'MessageComposed': {
      const { deliveries, ...draft } = event.data;
      return {
        ...state,
        status: 'composed',
        messageId: draft.messageId,
        kind: draft.kind,
        recipient: draft.recipient,
        params: draft.params,
        link: draft.link,
        shortCode: draft.shortCode,
        expiresAt: draft.expiresAt,
        deliveries: Object.fromEntries(
          deliveries.map((d) => [d.channel, { status: 'pending', attempts: 0, notBefore: d.notBefore, gatewayRef: null, lastError: null } satisfies DeliveryState]),
        ),
      };
    }
    case 'DeliveryAttemptFailed':
      return withDelivery(state, event.data.channel, { attempts: event.data.attempt, notBefore: event.data.retryAt, lastError: event.data.error });
    case 'DeliverySent':
      return withDelivery(state, event.data.channel, { status: 'sent', attempts: event.data.attempt, gatewayRef: event.data.gatewayRef });
    case 'DeliveryDelivered':
      return withDelivery(state, event.data.channel, { status: 'delivered' });
    case 'DeliveryFailed':
      return withDelivery(state, event.data.channel, { status: 'failed', attempts: event.data.attempt, lastError: event.data.error });
    case 'DeliveryExpired':
      return withDelivery(state, event.data.channel, { status: 'expired' });
    case 'DeliverySkipped':
      return withDelivery(state, event.data.channel, { status: 'skipped', lastError: event.data.reason });
    case 'MessageRead':
      return { ...state, read: true };
    default:
      return assertNever(event, 'message event');
  }
}
