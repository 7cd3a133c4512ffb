import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, MaxLength } from 'class-validator';
import { SPENDING_CATEGORIES, SPENDING_CATEGORY_LABELS, type SpendingCategory } from '@ws/contracts';
import { describeCodes } from '../../catalogue/labels';
import { DAY } from '../../activity/plan-activity/plan-activity.dto';
import { NAME_MAX } from '../../station/station.rules';
import { NOT_BLANK } from '../../station/shared/dto-decorators';

export class RecordSpendingDto {
  @ApiProperty({ enum: [...SPENDING_CATEGORIES], description: `支出类别：${describeCodes(SPENDING_CATEGORY_LABELS)}` }) @IsIn(SPENDING_CATEGORIES)
  category!: SpendingCategory;

  @ApiProperty({ description: '金额（分，整数）', example: 120_000 }) @IsInt()
  amountFen!: number;

  @ApiProperty({ example: '2026-05-20' }) @Matches(DAY, { message: 'spentOn must be YYYY-MM-DD' })
  spentOn!: string;

  @ApiProperty({ maxLength: NAME_MAX, description: '收款单位（不填个人）', example: '新华书店湖州分店' })
  @IsString() @MaxLength(NAME_MAX) @Matches(NOT_BLANK, { message: 'payee must not be blank' })
  payee!: string;
}
