import webpush from 'web-push';
import type { ChannelGateway, OutgoingMessage, SendResult } from './gateway';
import { httpStatusError, transportError } from './gateway';

export interface WebPushSettings {
  publicKey: string;
  privateKey: string;
  subject: string;
  timeoutMs: number;
}

/** A browser's PushSubscription (what `pushManager.subscribe()` returns, as JSON). */
export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Seconds a push service keeps a message for an offline browser. */
const PUSH_TTL_SECONDS = 24 * 3600;

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and an aes128gcm payload: the `web-push` library
 * encrypts and signs (generateRequestDetails), the request goes out with fetch and the gateway
 * timeout like every other channel's.
 */
export class WebPushGateway implements ChannelGateway {
  readonly channel = 'push' as const;

  constructor(private readonly settings: WebPushSettings) {}

  async send(message: OutgoingMessage, address: string): Promise<SendResult> {
    const subscription = JSON.parse(address) as PushSubscriptionJson;
    const payload = JSON.stringify({ title: message.title, body: message.body, url: message.url, kind: message.kind, messageId: message.messageId });
    const request = webpush.generateRequestDetails(subscription, payload, {
      vapidDetails: { subject: this.settings.subject, publicKey: this.settings.publicKey, privateKey: this.settings.privateKey },
      TTL: PUSH_TTL_SECONDS,
      contentEncoding: 'aes128gcm',
    });
    let response: Response;
    try {
      response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body ?? null,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      return transportError(error);
    }
    // 404/410: the browser unsubscribed; the caller drops the binding.
    if (response.status === 404 || response.status === 410) return { type: 'permanent', error: 'push_gone' };
    if (response.status < 200 || response.status > 299) return httpStatusError(response.status);
    return { type: 'sent', gatewayRef: response.headers.get('location') };
  }
}
