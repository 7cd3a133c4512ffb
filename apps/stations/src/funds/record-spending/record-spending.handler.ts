import { Injectable } from '@nestjs/common';
import { newId, type Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { budgetAggregate } from '../../aggregates';
import { stationsError } from '../../errors';
import { assertMayActAt } from '../../station/venue';
import { budgetOutcome } from '../budget-outcome';
import { FUND_OFFICERS } from '../fund-routes';
import type { RecordSpendingDto } from './record-spending.dto';

/** Records a spending against a budget: a station's budget is spent by its manager or street, the node's own by its officers only. */
@Injectable()
export class RecordSpendingHandler {
  constructor(private readonly commands: CommandRunner) {}

  async spend(budgetId: string, dto: RecordSpendingDto, principal: Principal) {
    const command = { type: 'RecordSpending' as const, budgetId, spendingId: newId(), category: dto.category, amountFen: dto.amountFen, spentOn: dto.spentOn, payee: dto.payee };
    const result = await this.commands.run(
      budgetAggregate,
      budgetId,
      ({ holder }) => {
        if (holder) {
          if (holder.level === 'node' && !FUND_OFFICERS.includes(principal.role)) throw stationsError('out_of_scope', '本级工会的经费只能由本级工会登记支出');
          assertMayActAt(principal, { stationId: holder.stationId, streetCode: holder.streetCode }, '经费');
        }
        return command;
      },
      { meta: { actor: principal.subject } },
    );
    return budgetOutcome(budgetId, result);
  }
}
