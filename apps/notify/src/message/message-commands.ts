import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { NOTIFY_AGGREGATES, NOTIFY_CONTEXT } from '@ws/contracts';
import type { MessageEvent } from '@ws/contracts';
import type { Decider } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import type { CommandOf, RunOptions, RunResult } from '@ws/platform';
import type { StreamTarget } from '@ws/eventstore';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { createMessageDecider, MessageCommand, MessageState } from './message.decider';

export function messageTarget(messageId: string): StreamTarget {
  return { context: NOTIFY_CONTEXT, aggregate: NOTIFY_AGGREGATES.message, aggregateId: messageId };
}

/** The message decider (with the node's delivery policy) run through the platform's CommandRunner. */
@Injectable()
export class MessageCommands {
  readonly decider: Decider<MessageCommand, MessageEvent, MessageState>;

  constructor(
    readonly runner: CommandRunner,
    @Inject(NOTIFY_CONFIG) config: NotifyConfig,
  ) {
    this.decider = createMessageDecider({ quietHours: config.quietHours, maxAttempts: config.maxAttempts, retryBaseMs: config.retryBaseMs });
  }

  now(): Date {
    return this.runner.now();
  }

  async load(messageId: string, trx?: Transaction<any>): Promise<MessageState> {
    return (await this.runner.load(this.decider, messageTarget(messageId), trx)).state;
  }

  run(messageId: string, command: CommandOf<MessageCommand, MessageState>, options: RunOptions = {}): Promise<RunResult<MessageState>> {
    return this.runner.run(this.decider, messageTarget(messageId), command, { retryOnConflict: true, ...options });
  }
}
