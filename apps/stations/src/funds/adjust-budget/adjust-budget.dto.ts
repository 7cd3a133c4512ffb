import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, MaxLength } from 'class-validator';
import { REASON_MAX } from '../../station/station.rules';
import { NOT_BLANK } from '../../station/shared/dto-decorators';

export class AdjustBudgetDto {
  @ApiProperty({ description: '调整后的预算总额（分，整数），不低于已支出', example: 600_000 }) @IsInt()
  amountFen!: number;

  @ApiProperty({ maxLength: REASON_MAX, example: '追加夏送清凉经费' }) @IsString() @MaxLength(REASON_MAX) @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}
