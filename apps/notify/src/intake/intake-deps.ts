import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { MessageComposer } from '../message/composer';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { NotifyScheduler } from '../scheduler/notify-scheduler';
import { Reminders } from '../scheduler/reminders';
import type { IntakeDependencies } from './intake';

/** What every intake needs, injected once. */
@Injectable()
export class IntakeDeps implements IntakeDependencies {
  readonly node;
  constructor(
    readonly composer: MessageComposer,
    readonly reminders: Reminders,
    @Inject(NOTIFY_CONFIG) readonly config: NotifyConfig,
    @Inject(PLATFORM_CONFIG) platform: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scheduler: NotifyScheduler,
  ) {
    this.node = platform.node;
  }

  wake(): void {
    this.scheduler.wake();
  }

  now(): Date {
    return this.clock.now();
  }
}
