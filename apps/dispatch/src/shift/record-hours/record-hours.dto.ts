import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Max, Min } from 'class-validator';
import { MAX_SHIFT_HOURS } from '../shift.decider';

export class RecordHoursDto {
  @ApiProperty({ description: '服务时长（小时，可含小数）', example: 3.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0.25) @Max(MAX_SHIFT_HOURS)
  hours!: number;
}
