import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DAY } from '../plan-activity/plan-activity.dto';
import type { RescheduleActivity } from './reschedule-activity.command';

export class RescheduleActivityDto {
  @ApiProperty({ description: '新的计划日期 YYYY-MM-DD', example: '2026-07-22' })
  @Matches(DAY, { message: 'plannedOn must be YYYY-MM-DD' })
  plannedOn!: string;
}

export function toRescheduleActivity(activityId: string, dto: RescheduleActivityDto): RescheduleActivity {
  return { type: 'RescheduleActivity', activityId, plannedOn: dto.plannedOn };
}
