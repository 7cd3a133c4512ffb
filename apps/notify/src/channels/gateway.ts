import type { ExternalChannel, MessageKind, MessageParams } from '@ws/contracts';

/** A message as a gateway sends it: rendered, with its short link; never stored with the address. */
export interface OutgoingMessage {
  messageId: string;
  /** The gateway's out id (Aliyun OutId): the message id (one delivery per channel and gateway), to find an attempt and its receipt again. */
  deliveryId: string;
  kind: MessageKind;
  params: MessageParams;
  title: string;
  body: string;
  /** `<origin>/s/<code>`, or the page's full URL, or null. */
  url: string | null;
}

export type SendResult =
  | { type: 'sent'; gatewayRef: string | null }
  /** 5xx, a timeout, throttling: worth trying again later. */
  | { type: 'transient'; error: string }
  /** An invalid number, a refused subscription, a gone endpoint: trying again would not help. */
  | { type: 'permanent'; error: string };

/** One external channel: SMS, WeChat subscription messages or Web Push, real or the development box. */
export interface ChannelGateway {
  readonly channel: ExternalChannel;
  send(message: OutgoingMessage, address: string): Promise<SendResult>;
  /**
   * For an attempt whose outcome is unknown (the process died during the call): whether the gateway
   * took it after all — its ref, null if it did not, undefined if the gateway cannot tell.
   */
  findSent?(message: OutgoingMessage, address: string, since: Date): Promise<{ gatewayRef: string | null } | null | undefined>;
}

/** A failed call as a stable error code: never the gateway's text, which may echo the address. */
export function transportError(error: unknown): SendResult {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { type: 'transient', error: 'timeout' };
  return { type: 'transient', error: 'network' };
}

export function httpStatusError(status: number): SendResult {
  return status >= 500 || status === 429 || status === 408 ? { type: 'transient', error: `http_${status}` } : { type: 'permanent', error: `http_${status}` };
}

export const maskMobile = (mobile: string) => (mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : '****');
