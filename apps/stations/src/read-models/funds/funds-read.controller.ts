import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Kysely } from 'kysely';
import { type Role, Roles } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { budgetPage } from './funds.query';

const FUND_READERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];

export class BudgetListDto {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  stationId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '上一页答复的 next' }) @IsOptional() @IsUUID()
  after?: string;
}

/** Budgets and their balances over the subtree, for the officers and managers who spend them. */
@ApiTags('经费 funds')
@ApiBearerAuth()
@Controller('funds/budgets')
export class FundsReadController {
  constructor(@Inject(DB) private readonly db: Kysely<StationsDatabase>) {}

  @Get() @Roles(...FUND_READERS)
  @ApiOperation({ summary: '本级及下级的预算：总额、已支出、余额（分），分页' })
  list(@Query() query: BudgetListDto) {
    const { limit, after, ...filter } = query;
    return budgetPage(this.db, filter, after, limit ?? 50);
  }
}
