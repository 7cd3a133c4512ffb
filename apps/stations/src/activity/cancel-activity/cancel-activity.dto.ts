import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { REASON_MAX } from '../../station/station.rules';
import { NOT_BLANK } from '../../station/shared/dto-decorators';
import type { CancelActivity } from './cancel-activity.command';

export class CancelActivityDto {
  @ApiProperty({ maxLength: REASON_MAX, example: '台风预警，活动取消' })
  @IsString() @MaxLength(REASON_MAX) @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export function toCancelActivity(activityId: string, dto: CancelActivityDto): CancelActivity {
  return { type: 'CancelActivity', activityId, reason: dto.reason };
}
