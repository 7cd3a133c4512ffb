import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, uuidParam } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { budgetAggregate } from '../../aggregates';
import { budgetOutcome } from '../budget-outcome';
import { FUND_OFFICERS, FundRoutes } from '../fund-routes';
import { AdjustBudgetDto } from './adjust-budget.dto';

/** Funds (经费): officers adjust a budget's total, never below what is spent. */
@FundRoutes()
export class AdjustBudgetController {
  constructor(private readonly commands: CommandRunner) {}

  @Post(':id/adjust') @HttpCode(200) @Roles(...FUND_OFFICERS)
  @ApiOperation({ summary: '调整预算总额（不低于已支出）' })
  async adjust(@Param('id', uuidParam()) id: string, @Body() dto: AdjustBudgetDto, @CurrentPrincipal() p: Principal) {
    const command = { type: 'AdjustBudget' as const, budgetId: id, amountFen: dto.amountFen, reason: dto.reason };
    return budgetOutcome(id, await this.commands.run(budgetAggregate, id, () => command, { meta: { actor: p.subject } }));
  }
}
