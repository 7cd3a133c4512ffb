import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Kysely } from 'kysely';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { figuresController } from '../figures.controller';
import { ActivityScopeDto, DAY } from '../activities/activities.controller';
import { stockPage, WELFARE_GROUPINGS, welfareFigures, type WelfareGrouping } from './welfare.query';

export class WelfareFiguresDto extends ActivityScopeDto {
  @ApiProperty({ description: '起始日期（含）YYYY-MM-DD，北京时间' }) @Matches(DAY, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ description: '结束日期（含）YYYY-MM-DD' }) @Matches(DAY, { message: 'to must be YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ enum: WELFARE_GROUPINGS, default: 'kind', description: '分组：物资类型、慰问类型、区县、街道、驿站、月份' })
  @IsOptional() @IsIn(WELFARE_GROUPINGS)
  by?: WelfareGrouping;
}

export class StockListDto extends ActivityScopeDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: '上一页答复的 next' }) @IsOptional() @IsString() @MaxLength(200)
  after?: string;
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

/** The stock on hand at the node's stations and streets. */
@ApiTags('关爱物资 welfare')
@Controller('welfare')
export class WelfareStockController {
  constructor(@Inject(DB) private readonly db: Kysely<StationsDatabase>) {}

  @Get('stock') @Public()
  @ApiOperation({ summary: '各驿站、街道的物资库存（入库、已发放、结存），分页' })
  stock(@Query() query: StockListDto) {
    const { limit, after, ...scope } = query;
    return stockPage(this.db, scope, after, limit ?? 50);
  }
}
