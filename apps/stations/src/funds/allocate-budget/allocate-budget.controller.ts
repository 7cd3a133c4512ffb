import { Body, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ws/kernel';
import { FUND_OFFICERS, FundRoutes } from '../fund-routes';
import { AllocateBudgetDto } from './allocate-budget.dto';
import { AllocateBudgetHandler } from './allocate-budget.handler';

/** Funds (经费): officers allocate budgets to their node or a station. */
@FundRoutes()
export class AllocateBudgetController {
  constructor(private readonly handler: AllocateBudgetHandler) {}

  @Post() @Roles(...FUND_OFFICERS)
  @ApiOperation({ summary: '下达预算：本级工会或某驿站的年度经费（分）' })
  allocate(@Body() dto: AllocateBudgetDto, @CurrentPrincipal() p: Principal) {
    return this.handler.allocate(dto, p);
  }
}
