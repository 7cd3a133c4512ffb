import { Inject, Injectable, Logger } from '@nestjs/common';
import { Kysely, sql, Transaction } from 'kysely';
import { QUIET_HOURS_EXEMPT, recipientKey, shanghaiToday, shortLinkPath } from '@ws/contracts';
import type { ExternalChannel, MessageKind } from '@ws/contracts';
import { CLOCK } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB } from '@ws/platform';
import { BindingVault } from '../bindings/binding-vault';
import type { OutgoingMessage, SendResult } from '../channels/gateway';
import { Gateways } from '../channels/gateways';
import type { NotifyDatabase } from '../db/database';
import { MessageCommands } from '../message/message-commands';
import type { AttemptOutcome, MessageState } from '../message/message.decider';
import { isExpired } from '../message/message.decider';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { render } from '../templates/templates';
import { Addresses } from './addresses';

interface Claimed {
  messageId: string;
  channel: ExternalChannel;
  /** This attempt's number. */
  attempt: number;
  /** An earlier claim lapsed without an outcome: the process died mid-attempt. */
  inDoubt: boolean;
}

const CLAIM_BATCH = 100;

/**
 * Sends what is due, each person's messages on a channel in the order they were composed (only
 * the oldest of them is ever claimed, so a retry holds back what comes after it): claims queued deliveries (row lock, then a claim with a time limit, so two
 * processes never send the same one and a dead process's claim lapses), asks for the address,
 * sends through the channel's gateway and records the outcome on the message's stream with the
 * queue row's change in one transaction. An attempt whose outcome was lost (kill -9 during the
 * call) is first looked for at the gateway by its out id where the gateway can tell (Aliyun's
 * QuerySendDetails), so it is not sent twice.
 */
@Injectable()
export class DeliveryWorker {
  private readonly log = new Logger('DeliveryWorker');

  constructor(
    @Inject(DB) private readonly db: Kysely<NotifyDatabase>,
    private readonly messages: MessageCommands,
    private readonly gateways: Gateways,
    private readonly addresses: Addresses,
    private readonly bindings: BindingVault,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One pass: returns how many deliveries were attempted. */
  async pass(): Promise<number> {
    const claimed = await this.claim();
    const queue = [...claimed];
    const workers = Array.from({ length: Math.min(this.config.sendConcurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await this.deliver(next).catch((error: unknown) => this.log.error(`delivery ${next!.messageId}/${next!.channel}: ${String(error)}`));
      }
    });
    await Promise.all(workers);
    return claimed.length;
  }

  private async claim(): Promise<Claimed[]> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.config.claimMs);
    const { rows } = await sql<{ message_id: string; channel: string; attempts: number; in_doubt: boolean }>`
      with due as (
        select message_id, channel, claimed_until is not null as in_doubt from delivery_queue q
        where due_at <= ${now} and (claimed_until is null or claimed_until < ${now})
          and not exists (select 1 from delivery_queue e where e.recipient_key = q.recipient_key and e.channel = q.channel and e.seq < q.seq)
        order by due_at, seq
        limit ${CLAIM_BATCH}
        for update skip locked
      )
      update delivery_queue q set claimed_until = ${until}, attempts = q.attempts + 1
      from due where q.message_id = due.message_id and q.channel = due.channel
      returning q.message_id, q.channel, q.attempts, due.in_doubt`.execute(this.db);
    return rows.map((r) => ({ messageId: r.message_id, channel: r.channel as ExternalChannel, attempt: r.attempts, inDoubt: r.in_doubt }));
  }

  private async deliver(claim: Claimed): Promise<void> {
    const state = await this.messages.load(claim.messageId);
    const delivery = state.deliveries[claim.channel];
    if (state.status === 'none' || delivery?.status !== 'pending') return this.dequeue(claim);
    const now = this.clock.now();
    if (isExpired(state, now)) {
      await this.messages.run(claim.messageId, { type: 'ExpireDelivery', channel: claim.channel }, { alongside: (trx) => this.dequeue(claim, trx) });
      return;
    }
    const recipient = state.recipient!;
    const to = recipientKey(recipient);
    const kind = state.kind!;
    const outcome = await this.attempt(claim, state, to, kind, now);
    await this.record(claim, to, outcome);
  }

  private async attempt(claim: Claimed, state: MessageState, to: string, kind: MessageKind, now: Date): Promise<AttemptOutcome> {
    const gateway = this.gateways.of(claim.channel);
    if (!gateway) return { type: 'permanent', error: 'channel_off' };
    const person = await this.personToday(to, claim.channel, now);
    if (person.optedOut) return { type: 'skipped', reason: 'opted_out' };
    if (!QUIET_HOURS_EXEMPT.includes(kind) && person.sentToday >= this.config.dailyCap) return { type: 'skipped', reason: 'daily_cap' };
    const lookup = await this.addresses.lookup(claim.channel, state.recipient!, claim.messageId, kind);
    if (lookup.status === 'skip') return { type: 'skipped', reason: lookup.reason };
    if (lookup.status === 'unavailable') return { type: 'transient', error: 'owner_unavailable' };
    const message = this.outgoing(claim, state, kind);
    let result: SendResult | undefined;
    for (const { address, bindingHash } of lookup.addresses) {
      const found = claim.inDoubt && gateway.findSent ? await gateway.findSent(message, address, new Date(now.getTime() - this.config.claimMs * 2)) : undefined;
      const sent: SendResult = found ? { type: 'sent', gatewayRef: found.gatewayRef } : await gateway.send(message, address);
      if (sent.type === 'permanent' && sent.error === 'push_gone' && bindingHash) await this.bindings.unbind(to, claim.channel, bindingHash);
      // Of several devices, one that took it is enough.
      if (!result || sent.type === 'sent' || (result.type === 'permanent' && sent.type === 'transient')) result = sent;
    }
    return result ?? { type: 'skipped', reason: 'no_contact' };
  }

  private outgoing(claim: Claimed, state: MessageState, kind: MessageKind): OutgoingMessage {
    const rendered = render(kind, state.params);
    const origin = this.config.publicOrigin;
    const url = state.shortCode ? `${origin}${shortLinkPath(state.shortCode)}` : state.link ? `${origin}${state.link}` : null;
    return { messageId: claim.messageId, deliveryId: claim.messageId, kind, params: state.params, title: rendered.title, body: rendered.body, url };
  }

  private async record(claim: Claimed, to: string, outcome: AttemptOutcome): Promise<void> {
    await this.messages.run(
      claim.messageId,
      { type: 'RecordAttempt', channel: claim.channel, attempt: claim.attempt, outcome },
      {
        afterAppend: async (trx, written) => {
          const retry = written.find((e) => e.type === 'DeliveryAttemptFailed')?.data as { retryAt: string } | undefined;
          if (retry) {
            await trx.updateTable('delivery_queue').set({ due_at: retry.retryAt, claimed_until: null }).where('message_id', '=', claim.messageId).where('channel', '=', claim.channel).execute();
          } else {
            await this.dequeue(claim, trx);
          }
          if (written.some((e) => e.type === 'DeliverySent')) await this.countSent(trx as Transaction<NotifyDatabase>, to);
        },
      },
    );
  }

  private async dequeue(claim: Claimed, trx?: Transaction<any>): Promise<void> {
    await ((trx ?? this.db) as Kysely<NotifyDatabase>).deleteFrom('delivery_queue').where('message_id', '=', claim.messageId).where('channel', '=', claim.channel).execute();
  }

  /** Whether the person turned the channel off, and how many gateway messages they got today. */
  private async personToday(to: string, channel: ExternalChannel, now: Date): Promise<{ optedOut: boolean; sentToday: number }> {
    const { rows } = await sql<{ opted_out: boolean; sent: number | null }>`
      select exists (select 1 from opt_outs where recipient_key = ${to} and channel = ${channel}) as opted_out,
             (select sent from daily_sends where recipient_key = ${to} and day = ${shanghaiToday(now)}) as sent`.execute(this.db);
    return { optedOut: rows[0]!.opted_out, sentToday: rows[0]!.sent ?? 0 };
  }

  private async countSent(trx: Transaction<NotifyDatabase>, to: string): Promise<void> {
    await trx
      .insertInto('daily_sends')
      .values({ recipient_key: to, day: shanghaiToday(this.clock.now()), sent: 1 })
      .onConflict((oc) => oc.columns(['recipient_key', 'day']).doUpdateSet((eb) => ({ sent: eb('daily_sends.sent', '+', 1) })))
      .execute();
  }
}
