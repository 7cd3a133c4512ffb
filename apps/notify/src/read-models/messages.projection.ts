import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { channelOf, ownEventPrefix, recipientKey } from '@ws/contracts';
import type { DeliveryStatus, MessageEvent } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { NotifyDatabase } from '../db/database';

/**
 * The inbox (one row per message, read or not) and the delivery status of every channel (the
 * inbox's included: delivered when composed), from notify's own message events.
 */
@ReadModel()
@Injectable()
export class MessagesProjection implements Projection<NotifyDatabase> {
  readonly name = 'notify.messages';
  readonly tables = ['delivery_status', 'inbox_messages'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) platform: PlatformConfig) {
    this.filter = `${ownEventPrefix(platform.node)}.notify.message.>`;
  }

  async apply(trx: Transaction<NotifyDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { envelope } of events) {
      const event = { type: envelope.type, data: envelope.data } as MessageEvent;
      const at = envelope.occurredAt;
      const status = (messageId: string, status: DeliveryStatus, change: { attempts?: number; last_error?: string | null } = {}) =>
        trx
          .updateTable('delivery_status')
          .set({ status, updated_at: at, ...change })
          .where('message_id', '=', messageId)
          .where('channel', '=', channelOf(event))
          .execute();
      switch (event.type) {
        case 'MessageComposed': {
          const d = event.data;
          const to = recipientKey(d.recipient);
          await trx
            .insertInto('inbox_messages')
            .values({ message_id: d.messageId, recipient_key: to, kind: d.kind, params: JSON.stringify(d.params), link: d.link, short_code: d.shortCode, created_at: at, read_at: null })
            .onConflict((oc) => oc.column('message_id').doNothing())
            .execute();
          const rows = [
            { channel: 'inbox', status: 'delivered' },
            ...d.deliveries.map((delivery) => ({ channel: delivery.channel, status: 'pending' })),
          ].map((row) => ({ message_id: d.messageId, recipient_key: to, kind: d.kind, attempts: 0, last_error: null, created_at: at, updated_at: at, ...row }));
          await trx.insertInto('delivery_status').values(rows).onConflict((oc) => oc.columns(['message_id', 'channel']).doNothing()).execute();
          break;
        }
        case 'DeliveryAttemptFailed':
          await status(event.data.messageId, 'pending', { attempts: event.data.attempt, last_error: event.data.error });
          break;
        case 'DeliverySent':
          await status(event.data.messageId, 'sent', { attempts: event.data.attempt, last_error: null });
          break;
        case 'DeliveryDelivered':
          await status(event.data.messageId, 'delivered');
          break;
        case 'DeliveryFailed':
          await status(event.data.messageId, 'failed', { attempts: event.data.attempt, last_error: event.data.error });
          break;
        case 'DeliveryExpired':
          await status(event.data.messageId, 'expired');
          break;
        case 'DeliverySkipped':
          await status(event.data.messageId, 'skipped', { last_error: event.data.reason });
          break;
        case 'MessageRead':
          await trx.updateTable('inbox_messages').set({ read_at: at }).where('message_id', '=', event.data.messageId).execute();
          break;
        default:
          assertNever(event, 'message event');
      }
    }
  }
}
