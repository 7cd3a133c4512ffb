import { Inject, Injectable } from '@nestjs/common';
import { newId, type Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { budgetAggregate } from '../../aggregates';
import { venueStation } from '../../station/venue-station';
import { budgetOutcome } from '../budget-outcome';
import type { AllocateBudgetDto } from './allocate-budget.dto';

/** Allocates a new budget to this node or one of its stations, the station read from its stream first (a closed one gets nothing). */
@Injectable()
export class AllocateBudgetHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async allocate(dto: AllocateBudgetDto, principal: Principal) {
    const stationId = dto.stationId ?? null;
    const station = stationId === null ? null : await venueStation(this.commands, stationId);
    const budgetId = newId();
    const command = { type: 'AllocateBudget' as const, budgetId, year: dto.year, title: dto.title, amountFen: dto.amountFen, nodeCode: this.config.node.code, stationId, station };
    return budgetOutcome(budgetId, await this.commands.run(budgetAggregate, budgetId, () => command, { meta: { actor: principal.subject } }));
  }
}
