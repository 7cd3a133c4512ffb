import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { OpeningHours } from '@ws/contracts';
import { CLOCK_TIME, CLOSING_TIME, OPENING_PERIODS_MAX } from '../station.rules';
import { PresentOnlyWhen, ValidateWhenSentOr } from './dto-decorators';

export class OpeningPeriodDto {
  @ApiProperty({ description: '星期，1=周一 … 7=周日', minimum: 1, maximum: 7, example: 1 })
  @IsInt()
  @Min(1)
  @Max(7)
  day!: 1 | 2 | 3 | 4 | 5 | 6 | 7;

  @ApiProperty({ description: '开门时间 HH:MM（北京时间）', example: '08:00' })
  @Matches(CLOCK_TIME, { message: 'open must be HH:MM between 00:00 and 23:59' })
  open!: string;

  @ApiProperty({ description: '关门时间 HH:MM，可为 24:00；早于开门时间表示次日关门', example: '20:00' })
  @Matches(CLOSING_TIME, { message: 'close must be HH:MM between 00:00 and 24:00' })
  close!: string;
}

const weeklyHours = (o: Record<string, unknown>) => o['open24h'] === false;

/** Either 24 hours (24小时不打烊) or weekly periods. */
export class OpeningHoursDto {
  @ApiProperty({ description: '是否24小时开放' })
  @IsBoolean()
  open24h!: boolean;

  @ApiPropertyOptional({ type: () => [OpeningPeriodDto], description: '每周开放时段（open24h 为 false 时必填）' })
  @ValidateWhenSentOr(weeklyHours)
  @PresentOnlyWhen(weeklyHours, 'open24h is false')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OPENING_PERIODS_MAX)
  @ValidateNested({ each: true })
  @Type(() => OpeningPeriodDto)
  weekly?: OpeningPeriodDto[];
}

export function toOpeningHours(dto: OpeningHoursDto): OpeningHours {
  if (dto.open24h) return { open24h: true };
  return { open24h: false, weekly: (dto.weekly ?? []).map(({ day, open, close }) => ({ day, open, close })) };
}
