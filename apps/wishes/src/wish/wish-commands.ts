import { Inject, Injectable } from '@nestjs/common';
import type { WishStreamEvent } from '@ws/contracts';
import type { Decider } from '@ws/kernel';
import { CommandRunner, Loaded, RunOptions, RunResult } from '@ws/platform';
import { wishTarget } from '../shared/stream-targets';
import { WISHES_CONFIG } from '../wishes.config';
import type { WishesConfig } from '../wishes.config';
import { createWishDecider, WishCommand, WishState } from './wish.decider';

/** The wish decider with the node's policy, run against a wish stream. */
@Injectable()
export class WishCommands {
  readonly decider: Decider<WishCommand, WishStreamEvent, WishState>;

  constructor(
    readonly runner: CommandRunner,
    @Inject(WISHES_CONFIG) readonly config: WishesConfig,
  ) {
    this.decider = createWishDecider(config.policy);
  }

  load(wishId: string): Promise<Loaded<WishState>> {
    return this.runner.load(this.decider, wishTarget(wishId));
  }

  execute(wishId: string, command: WishCommand | ((state: WishState) => WishCommand), options?: RunOptions): Promise<RunResult<WishState>> {
    return this.runner.run(this.decider, wishTarget(wishId), command, options);
  }
}
