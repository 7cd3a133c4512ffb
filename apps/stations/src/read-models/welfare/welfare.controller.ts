import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Kysely } from 'kysely';
import { Public } from '@ws/kernel';
import { DB, DEFAULT_PAGE_SIZE, PageQueryDto } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { figuresController } from '../figures.controller';
import { ActivityScopeDto } from '../activities/activities.controller';
import { DayRangeDto } from '../day-range';
import { WELFARE_OCCASIONS, type WelfareOccasion } from '@ws/contracts';
import { handoutPage, stockPage, WELFARE_GROUPINGS, welfareFigures, type WelfareGrouping } from './welfare.query';

export class WelfareFiguresDto extends IntersectionType(ActivityScopeDto, DayRangeDto) {
  @ApiPropertyOptional({ enum: WELFARE_GROUPINGS, default: 'kind', description: '分组：物资类型、慰问类型、区县、街道、驿站、月份' })
  @IsOptional() @IsIn(WELFARE_GROUPINGS)
  by?: WelfareGrouping;
}

export class StockListDto extends IntersectionType(ActivityScopeDto, PageQueryDto) {}

export class HandoutListDto extends IntersectionType(ActivityScopeDto, PageQueryDto) {
  @ApiPropertyOptional({ enum: [...WELFARE_OCCASIONS], description: '慰问类型' }) @IsOptional() @IsIn(WELFARE_OCCASIONS)
  occasion?: WelfareOccasion;
}

/** Welfare of the node's subtree handed out, for reports and dashboards. */
export const WelfareFiguresController = figuresController({
  name: 'WelfareFiguresController',
  path: 'welfare/figures',
  tag: '关爱物资 welfare',
  summary: '关爱物资发放：次数、份数、受惠人数（其中新就业形态、出示会员卡）、金额（分）；本级及下级合计，可按物资、慰问类型、区县、街道、驿站、月份分组',
  query: WelfareFiguresDto,
  async figures(db, query) {
    const by = query.by ?? 'kind';
    return { by, ...(await welfareFigures(db, query.from, query.to, query, by)) };
  },
});

/** The stock on hand at the node's stations and streets, and the handouts one by one (counts, never a name or card). */
@ApiTags('关爱物资 welfare')
@Controller('welfare')
export class WelfareStockController {
  constructor(@Inject(DB) private readonly db: Kysely<StationsDatabase>) {}

  @Get('stock') @Public()
  @ApiOperation({ summary: '各驿站、街道的物资库存（入库、已发放、结存），分页' })
  stock(@Query() query: StockListDto) {
    const { limit, after, ...scope } = query;
    return stockPage(this.db, scope, after, limit ?? DEFAULT_PAGE_SIZE);
  }

  @Get('handouts') @Public()
  @ApiOperation({ summary: '发放登记列表（按发放日期倒序，分页）：慰问类型、物资、数量、受惠人数（其中新就业形态、出示会员卡张数）、金额；只有人数，不记姓名和卡号' })
  handouts(@Query() query: HandoutListDto) {
    const { limit, after, ...filter } = query;
    return handoutPage(this.db, filter, after, limit ?? DEFAULT_PAGE_SIZE);
  }
}
