import type { MessageComposed, MessageEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { createMessageDecider, MessageCommand, MessageDraft } from './message.decider';

const decider = createMessageDecider({ quietHours: { from: 22 * 60, to: 7 * 60 }, maxAttempts: 3, retryBaseMs: 30_000 });
const NOW = new Date('2026-06-01T02:00:00.000Z'); // 10:00 in Shanghai
const NIGHT = new Date('2026-06-01T15:00:00.000Z'); // 23:00 in Shanghai
const messageId = '01960000-0000-7000-8000-000000000001';
const draft: MessageDraft = {
  messageId,
  key: 'cause:wish_accepted:wish_author:w1',
  kind: 'wish_accepted',
  recipient: { kind: 'wish_author', id: 'w1' },
  params: { wishNo: 'W7K3QX9M2D' },
  link: '/h5/#/wishes/W7K3QX9M2D',
  shortCode: 'abcdEFGH',
  expiresAt: '2026-06-04T02:00:00.000Z',
  causeEventId: 'cause',
};
const composed = (deliveries: MessageComposed['data']['deliveries']): MessageComposed => ({ type: 'MessageComposed', data: { ...draft, deliveries } });
const composedSmsWechat = composed([
  { channel: 'sms', notBefore: NOW.toISOString() },
  { channel: 'wechat', notBefore: NOW.toISOString() },
]);
const attempt = (attempt: number, outcome: Extract<MessageCommand, { type: 'RecordAttempt' }>['outcome']): MessageCommand => ({ type: 'RecordAttempt', channel: 'sms', attempt, outcome });
const failedOnce: MessageEvent = { type: 'DeliveryAttemptFailed', data: { messageId, channel: 'sms', attempt: 1, error: 'http_500', retryAt: '2026-06-01T02:00:30.000Z' } };

describe('message decider', () => {
  it('composes once per key, planning each gateway now', () => {
    spec(decider, NOW).given([]).when({ type: 'ComposeMessage', draft, channels: ['sms', 'wechat'], optedOut: [] }).then([composedSmsWechat]);
    spec(decider, NOW).given([composedSmsWechat]).when({ type: 'ComposeMessage', draft, channels: ['sms'], optedOut: [] }).thenNothing();
  });

  it('holds gateway deliveries of a status message until 07:00 during quiet hours, not an invitation', () => {
    spec(decider, NIGHT)
      .given([])
      .when({ type: 'ComposeMessage', draft, channels: ['sms'], optedOut: [] })
      .then([composed([{ channel: 'sms', notBefore: '2026-06-01T23:00:00.000Z' }])]);
    const invitation = { ...draft, kind: 'invitation' as const };
    spec(decider, NIGHT)
      .given([])
      .when({ type: 'ComposeMessage', draft: invitation, channels: ['sms'], optedOut: [] })
      .then([{ type: 'MessageComposed', data: { ...invitation, deliveries: [{ channel: 'sms', notBefore: NIGHT.toISOString() }] } }]);
  });

  it('records an opted-out channel as skipped with the composition', () => {
    spec(decider, NOW)
      .given([])
      .when({ type: 'ComposeMessage', draft, channels: ['sms', 'wechat'], optedOut: ['sms'] })
      .then([
        composed([{ channel: 'wechat', notBefore: NOW.toISOString() }, { channel: 'sms', notBefore: NOW.toISOString() }]),
        { type: 'DeliverySkipped', data: { messageId, channel: 'sms', reason: 'opted_out' } },
      ]);
  });

  it('retries a transient error later each time, then fails when the attempts are used up', () => {
    spec(decider, NOW).given([composedSmsWechat]).when(attempt(1, { type: 'transient', error: 'http_500' })).then([failedOnce]);
    spec(decider, new Date('2026-06-01T02:00:30.000Z'))
      .given([composedSmsWechat, failedOnce])
      .when(attempt(2, { type: 'transient', error: 'timeout' }))
      .then([{ type: 'DeliveryAttemptFailed', data: { messageId, channel: 'sms', attempt: 2, error: 'timeout', retryAt: '2026-06-01T02:01:30.000Z' } }]);
    spec(decider, NOW)
      .given([composedSmsWechat, failedOnce, { ...failedOnce, data: { ...failedOnce.data, attempt: 2 } }])
      .when(attempt(3, { type: 'transient', error: 'http_500' }))
      .then([{ type: 'DeliveryFailed', data: { messageId, channel: 'sms', attempt: 3, error: 'http_500' } }]);
  });

  it('fails at once on a permanent error, and a retry that would come after the message expired is an expiry', () => {
    spec(decider, NOW).given([composedSmsWechat]).when(attempt(1, { type: 'permanent', error: 'isv.MOBILE_NUMBER_ILLEGAL' })).then([
      { type: 'DeliveryFailed', data: { messageId, channel: 'sms', attempt: 1, error: 'isv.MOBILE_NUMBER_ILLEGAL' } },
    ]);
    spec(decider, new Date('2026-06-04T01:59:50.000Z')).given([composedSmsWechat]).when(attempt(1, { type: 'transient', error: 'http_500' })).then([
      { type: 'DeliveryExpired', data: { messageId, channel: 'sms' } },
    ]);
  });

  it("expires a delivery still pending when the message's time has run out, and only then", () => {
    spec(decider, new Date('2026-06-04T02:00:00.000Z')).given([composedSmsWechat]).when({ type: 'ExpireDelivery', channel: 'wechat' }).then([
      { type: 'DeliveryExpired', data: { messageId, channel: 'wechat' } },
    ]);
    spec(decider, NOW).given([composedSmsWechat]).when({ type: 'ExpireDelivery', channel: 'wechat' }).thenNothing();
  });

  it('never moves a retry into quiet hours', () => {
    spec(decider, new Date('2026-06-01T13:59:50.000Z')) // 21:59:50 in Shanghai
      .given([composedSmsWechat])
      .when(attempt(1, { type: 'transient', error: 'http_503' }))
      .then([{ type: 'DeliveryAttemptFailed', data: { messageId, channel: 'sms', attempt: 1, error: 'http_503', retryAt: '2026-06-01T23:00:00.000Z' } }]);
  });

  it('records each attempt once: a repeated or stale report changes nothing', () => {
    const sent: MessageEvent = { type: 'DeliverySent', data: { messageId, channel: 'sms', attempt: 1, gatewayRef: 'biz-1' } };
    spec(decider, NOW).given([composedSmsWechat]).when(attempt(1, { type: 'sent', gatewayRef: 'biz-1' })).then([sent]);
    spec(decider, NOW).given([composedSmsWechat, sent]).when(attempt(1, { type: 'sent', gatewayRef: 'biz-1' })).thenNothing();
    spec(decider, NOW).given([composedSmsWechat, failedOnce]).when(attempt(1, { type: 'transient', error: 'http_500' })).thenNothing();
    spec(decider, NOW).given([composedSmsWechat]).when({ type: 'RecordAttempt', channel: 'push', attempt: 1, outcome: { type: 'sent', gatewayRef: null } }).thenError('delivery_not_found', 'channel');
  });

  it('takes the gateway receipt for what it sent, and nothing else', () => {
    const sent: MessageEvent = { type: 'DeliverySent', data: { messageId, channel: 'sms', attempt: 1, gatewayRef: 'biz-1' } };
    spec(decider, NOW).given([composedSmsWechat, sent]).when({ type: 'RecordReceipt', channel: 'sms', gatewayRef: 'biz-1', delivered: true, error: null }).then([
      { type: 'DeliveryDelivered', data: { messageId, channel: 'sms' } },
    ]);
    spec(decider, NOW).given([composedSmsWechat, sent]).when({ type: 'RecordReceipt', channel: 'sms', gatewayRef: 'biz-1', delivered: false, error: 'MK:0001' }).then([
      { type: 'DeliveryFailed', data: { messageId, channel: 'sms', attempt: 1, error: 'MK:0001' } },
    ]);
    spec(decider, NOW).given([composedSmsWechat, sent]).when({ type: 'RecordReceipt', channel: 'sms', gatewayRef: 'forged', delivered: true, error: null }).thenNothing();
    spec(decider, NOW).given([composedSmsWechat]).when({ type: 'RecordReceipt', channel: 'sms', gatewayRef: 'biz-1', delivered: true, error: null }).thenNothing();
  });

  it('is read once; nothing happens to a message that does not exist', () => {
    spec(decider, NOW).given([composedSmsWechat]).when({ type: 'MarkRead' }).then([{ type: 'MessageRead', data: { messageId } }]);
    spec(decider, NOW).given([composedSmsWechat, { type: 'MessageRead', data: { messageId } }]).when({ type: 'MarkRead' }).thenNothing();
    spec(decider, NOW).given([]).when({ type: 'MarkRead' }).thenError('message_not_found');
  });
});
