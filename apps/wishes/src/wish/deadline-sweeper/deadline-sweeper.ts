import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { CLOCK, DomainError } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB, PeriodicJob, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';
import { wishesToClose, wishesToEscalate } from '../../read-models/board/overdue.query';
import { WishCommands } from '../wish-commands';
import type { WishCommand } from '../wish.decider';

const BATCH = 200;

export interface SweepResult {
  escalated: number;
  closed: number;
}

/**
 * The scheduled check: an overdue wish escalates to the district, a completed one the author
 * never confirmed closes. It finds candidates in the board and lets the decider judge each
 * again from its stream, so two sweepers, a lagging board or a rerun change nothing twice; still,
 * one process per service database sweeps (the job's lease), which is cheaper.
 */
@Injectable()
export class DeadlineSweeper extends PeriodicJob<SweepResult> {

  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly wishes: WishCommands,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {
    super({ name: 'DeadlineSweeper', everyMs: wishes.config.sweepIntervalMs, leaseOn: db });
  }

  protected async pass(): Promise<SweepResult> {
    const now = this.clock.now();
    const district = this.platform.node.code;
    const [toEscalate, toClose] = await Promise.all([wishesToEscalate(this.db, district, now, BATCH), wishesToClose(this.db, district, now, BATCH)]);
    const escalated = await this.each(toEscalate, { type: 'EscalateOverdue' });
    const closed = await this.each(toClose, { type: 'CloseUnconfirmed' });
    return { escalated, closed };
  }

  private async each(wishIds: string[], command: WishCommand): Promise<number> {
    let changed = 0;
    for (const wishId of wishIds) {
      try {
        const result = await this.wishes.execute(wishId, command, { retryOnConflict: true, meta: { actor: 'system:deadline-sweeper' } });
        if (result.events.length > 0) changed++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn(`${command.type} ${wishId} refused: ${error.code}`);
      }
    }
    return changed;
  }
}
