import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Kysely } from 'kysely';
import { CurrentPrincipal, listScope, mayAct, type Principal, type Role, Roles } from '@ws/kernel';
import { DB, DEFAULT_PAGE_SIZE, PageQueryDto } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { budgetPage } from './funds.query';

const FUND_READERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];

export class BudgetListDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  stationId?: string;
}

/** Budgets and their balances over the subtree, for the officers and managers who spend them. */
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
    return { ...page, items: page.items.filter((b) => mayAct(principal, { street: b.streetCode, ...(b.stationId ? { station: b.stationId } : {}) })) };
  }
}
