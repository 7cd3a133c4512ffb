import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { MessageEvent } from '@ws/contracts';
import { CommandRunner } from '@ws/platform';
import type { AggregateDefinition, CommandOf, RunOptions, RunResult } from '@ws/platform';
import { messageAggregate } from '../aggregates';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import type { MessageCommand, MessageState } from './message.decider';

/** The message aggregate (with the node's delivery policy) run through the platform's CommandRunner, retried on a version conflict. */
@Injectable()
export class MessageCommands {
  private readonly aggregate: AggregateDefinition<MessageCommand, MessageEvent, MessageState>;

  constructor(
    readonly runner: CommandRunner,
    @Inject(NOTIFY_CONFIG) config: NotifyConfig,
  ) {
    this.aggregate = messageAggregate({ quietHours: config.quietHours, maxAttempts: config.maxAttempts, retryBaseMs: config.retryBaseMs });
  }

  now(): Date {
    return this.runner.now();
  }

  async load(messageId: string, trx?: Transaction<any>): Promise<MessageState> {
    return (await this.runner.load(this.aggregate, messageId, trx)).state;
  }

  run(messageId: string, command: CommandOf<MessageCommand, MessageState>, options: RunOptions = {}): Promise<RunResult<MessageState>> {
    return this.runner.run(this.aggregate, messageId, command, { retryOnConflict: true, ...options });
  }
}
