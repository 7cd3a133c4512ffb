import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';
import { SCHEDULE_KINDS } from '@ws/contracts';
import type { ScheduleKind, ServiceSchedule } from '@ws/contracts';
import { CLOCK_TIME, CLOSING_TIME } from '../station.rules';
import { PresentOnlyWhen, ValidateWhenSentOr } from '../shared/dto-decorators';
import { SCHEDULE_ITEMS_MAX } from './schedule.rules';

export class WeeklySlotDto {
  @ApiProperty({ description: '星期，1=周一 … 7=周日', minimum: 1, maximum: 7 })
  @IsInt()
  @Min(1)
  @Max(7)
  day!: 1 | 2 | 3 | 4 | 5 | 6 | 7;

  @ApiProperty({ description: '开始 HH:MM', example: '14:00' })
  @Matches(CLOCK_TIME, { message: 'start must be HH:MM' })
  start!: string;

  @ApiProperty({ description: '结束 HH:MM（同一天内）', example: '16:00' })
  @Matches(CLOSING_TIME, { message: 'end must be HH:MM' })
  end!: string;
}

export class DatedSessionDto {
  @ApiProperty({ description: '日期 YYYY-MM-DD（北京时间）', example: '2026-07-15' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ description: '开始 HH:MM', example: '09:00' })
  @Matches(CLOCK_TIME, { message: 'start must be HH:MM' })
  start!: string;

  @ApiProperty({ description: '结束 HH:MM', example: '11:30' })
  @Matches(CLOSING_TIME, { message: 'end must be HH:MM' })
  end!: string;
}

const weekly = (o: Record<string, unknown>) => o['kind'] === 'weekly';
const sessions = (o: Record<string, unknown>) => o['kind'] === 'sessions';

/** Weekly slots (每周固定时段) or dated sessions (按场次), never both. */
export class ServiceScheduleDto {
  @ApiProperty({ enum: [...SCHEDULE_KINDS], description: 'weekly（每周固定时段）或 sessions（按日期场次）' })
  @IsIn(SCHEDULE_KINDS)
  kind!: ScheduleKind;

  @ApiPropertyOptional({ type: () => [WeeklySlotDto], description: 'kind 为 weekly 时必填' })
  @ValidateWhenSentOr(weekly)
  @PresentOnlyWhen(weekly, "kind is 'weekly'")
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SCHEDULE_ITEMS_MAX)
  @ValidateNested({ each: true })
  @Type(() => WeeklySlotDto)
  slots?: WeeklySlotDto[];

  @ApiPropertyOptional({ type: () => [DatedSessionDto], description: 'kind 为 sessions 时必填' })
  @ValidateWhenSentOr(sessions)
  @PresentOnlyWhen(sessions, "kind is 'sessions'")
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SCHEDULE_ITEMS_MAX)
  @ValidateNested({ each: true })
  @Type(() => DatedSessionDto)
  sessions?: DatedSessionDto[];
}

export function toServiceSchedule(dto: ServiceScheduleDto): ServiceSchedule {
  if (dto.kind === 'weekly') {
    return { kind: 'weekly', slots: (dto.slots ?? []).map(({ day, start, end }) => ({ day, start, end })) };
  }
  return { kind: 'sessions', sessions: (dto.sessions ?? []).map(({ date, start, end }) => ({ date, start, end })) };
}
