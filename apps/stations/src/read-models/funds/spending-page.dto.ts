import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SPENDING_CATEGORIES, SPENDING_CATEGORY_LABELS, type SpendingCategory } from '@ws/contracts';
import { describeCodes } from '../../catalogue/labels';
import type { SpendingView } from './funds.query';

/** One spending of a budget as GET /funds/budgets/:id/spending answers it (OpenAPI). */
export class SpendingItemDto implements SpendingView {
  @ApiProperty({ format: 'uuid' }) spendingId!: string;
  @ApiProperty({ enum: [...SPENDING_CATEGORIES], description: `支出类别：${describeCodes(SPENDING_CATEGORY_LABELS)}` }) category!: SpendingCategory;
  @ApiProperty({ description: '金额（分，整数）', example: 120_000 }) amountFen!: number;
  @ApiProperty({ format: 'date', example: '2026-05-20' }) spentOn!: string;
  @ApiProperty({ description: '收款单位', example: '新华书店湖州分店' }) payee!: string;
}

export class BudgetTotalsDto {
  @ApiProperty({ description: '预算总额（分）' }) amountFen!: number;
  @ApiProperty({ description: '已支出（分）' }) spentFen!: number;
  @ApiProperty({ description: '余额（分）' }) balanceFen!: number;
}

export class SpendingPageDto {
  @ApiProperty({ type: [SpendingItemDto] }) items!: SpendingItemDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: '下一页的 after；没有更多时为 null' }) next!: string | null;
  @ApiProperty({ type: BudgetTotalsDto, description: '预算此刻的总额、已支出与余额（分），不早于本页' }) budget!: BudgetTotalsDto;
}
