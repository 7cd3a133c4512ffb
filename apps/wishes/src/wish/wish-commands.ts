import { Inject, Injectable } from '@nestjs/common';
import type { AggregateDefinition, CommandOf, Loaded, RunOptions, RunResult } from '@ws/platform';
import { CommandRunner } from '@ws/platform';
import type { WishStreamEvent } from '@ws/contracts';
import { wishAggregate } from '../aggregates';
import { WISHES_CONFIG } from '../wishes.config';
import type { WishesConfig } from '../wishes.config';
import type { WishCommand, WishState } from './wish.decider';

/**
 * The wish aggregate with this node's policy (its deadlines): the one thing a module constant
 * cannot hold, so the definition is made here, from the node's config, and every wish command
 * runs through it.
 */
@Injectable()
export class WishCommands {
  readonly aggregate: AggregateDefinition<WishCommand, WishStreamEvent, WishState>;

  constructor(
    readonly runner: CommandRunner,
    @Inject(WISHES_CONFIG) readonly config: WishesConfig,
  ) {
    this.aggregate = wishAggregate(config.policy);
  }

  load(wishId: string): Promise<Loaded<WishState>> {
    return this.runner.load(this.aggregate, wishId);
  }

  execute(wishId: string, command: CommandOf<WishCommand, WishState>, options?: RunOptions): Promise<RunResult<WishState>> {
    return this.runner.run(this.aggregate, wishId, command, options);
  }
}
