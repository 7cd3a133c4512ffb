import { Injectable } from '@nestjs/common';
import type { ExternalChannel } from '@ws/contracts';
import type { ChannelGateway, OutgoingMessage, SendResult } from '../channels/gateway';
import { maskMobile } from '../channels/gateway';

export interface DevBoxEntry {
  seq: number;
  at: string;
  channel: ExternalChannel;
  /** Masked: 138****5678, the start of an openid, a push service's host. */
  to: string;
  title: string;
  text: string;
  url: string | null;
}

const CAPACITY = 500;

/**
 * The development message box: what the gateways would have sent (SMS codes included), kept in
 * memory only — a restart empties it, nothing of it reaches the database — with addresses masked.
 */
@Injectable()
export class DevBox {
  private readonly entries: DevBoxEntry[] = [];
  private seq = 0;

  add(entry: Omit<DevBoxEntry, 'seq' | 'at'>): void {
    this.entries.push({ seq: ++this.seq, at: new Date().toISOString(), ...entry });
    if (this.entries.length > CAPACITY) this.entries.shift();
  }

  /** Newest first. */
  list(limit = 100): DevBoxEntry[] {
    return this.entries.slice(-limit).reverse();
  }
}

export function maskAddress(channel: ExternalChannel, address: string): string {
  if (channel === 'sms') return maskMobile(address);
  if (channel === 'wechat') return `${address.slice(0, 4)}…`;
  try {
    return new URL((JSON.parse(address) as { endpoint: string }).endpoint).host;
  } catch {
    return '…';
  }
}

/** A gateway that writes to the development box instead of sending. */
export class DevBoxGateway implements ChannelGateway {
  constructor(
    readonly channel: ExternalChannel,
    private readonly box: DevBox,
  ) {}

  async send(message: OutgoingMessage, address: string): Promise<SendResult> {
    const text = this.channel === 'sms' ? `【工会驿站】${message.body}${message.url ? ` ${message.url}` : ''}` : message.body;
    this.box.add({ channel: this.channel, to: maskAddress(this.channel, address), title: message.title, text, url: message.url });
    return { type: 'sent', gatewayRef: `dev-${message.deliveryId}` };
  }
}
