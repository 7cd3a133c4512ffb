import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Kysely } from 'kysely';
import { authorize, CurrentPrincipal, listScope, mayAct, type Principal, type Role, Roles, uuidParam } from '@ws/kernel';
import { DB, DEFAULT_PAGE_SIZE, PageQueryDto } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { stationsError } from '../../errors';
import { budgetPage, budgetTotals, spendingPage } from './funds.query';
import { SpendingPageDto } from './spending-page.dto';

const FUND_READERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];

export class BudgetListDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  stationId?: string;
}

/** Budgets and their balances over the subtree, and what each was spent on, for the officers and managers who spend them. */
@ApiTags('经费 funds')
@ApiBearerAuth()
@Controller('funds/budgets')
export class FundsReadController {
  constructor(@Inject(DB) private readonly db: Kysely<StationsDatabase>) {}

  @Get() @Roles(...FUND_READERS)
  @ApiOperation({ summary: '本级及下级的预算：总额、已支出、余额（分），分页；街道工作人员只见本街道驿站的，驿站管理员只见本驿站的' })
  async list(@Query() query: BudgetListDto, @CurrentPrincipal() principal: Principal) {
    const { limit, after, ...filter } = query;
    const page = await budgetPage(this.db, listScope(principal), filter, after, limit ?? DEFAULT_PAGE_SIZE);
    // The query narrowed the rows; the one check still has the last word on each.
    return { ...page, items: page.items.filter((b) => mayAct(principal, holderOf(b))) };
  }

  @Get(':id/spending') @Roles(...FUND_READERS)
  @ApiOperation({ summary: '一项预算的支出记录：类别、金额（分）、日期、收款单位，按支出日期倒序分页，附预算总额、已支出与余额；看得到该预算的人才看得到（街道工作人员本街道驿站的，驿站管理员本驿站的，本级工会的经费只有本级工作人员）' })
  @ApiOkResponse({ type: SpendingPageDto })
  async spending(@Param('id', uuidParam()) id: string, @Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<SpendingPageDto> {
    const budget = await budgetTotals(this.db, id);
    if (!budget) throw stationsError('budget_not_found', `预算 ${id} 不存在`, 'id');
    authorize(principal, holderOf(budget));
    // Read after the totals, the page holds at least the spending they count (one projection transaction writes both).
    return { ...(await spendingPage(this.db, id, query.after, query.limit ?? DEFAULT_PAGE_SIZE)), budget: budget.totals };
  }
}

/** A budget as the one check sees it: a station's names its station and street; the node's own names neither (its officers only). */
function holderOf(budget: { stationId: string | null; streetCode: string | null }) {
  return { street: budget.streetCode, ...(budget.stationId ? { station: budget.stationId } : {}) };
}
