import { Body, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, uuidParam } from '@ws/kernel';
import { FundRoutes, SPENDERS } from '../fund-routes';
import { RecordSpendingDto } from './record-spending.dto';
import { RecordSpendingHandler } from './record-spending.handler';

/** Funds (经费): spending recorded against a budget, never past the balance. */
@FundRoutes()
export class RecordSpendingController {
  constructor(private readonly handler: RecordSpendingHandler) {}

  @Post(':id/spending') @Roles(...SPENDERS)
  @ApiOperation({ summary: '登记支出：类别、金额（分）、日期、收款单位；超出余额即拒绝（budget_exceeded）' })
  spend(@Param('id', uuidParam()) id: string, @Body() dto: RecordSpendingDto, @CurrentPrincipal() p: Principal) {
    return this.handler.spend(id, dto, p);
  }
}
