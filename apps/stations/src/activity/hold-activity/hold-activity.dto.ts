import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches } from 'class-validator';
import { PHOTO_REF } from '@ws/uploads';
import { ACTIVITY_PHOTOS_MAX } from '../activity.rules';
import { DAY } from '../plan-activity/plan-activity.dto';
import type { HoldActivity } from './hold-activity.command';

export class HoldActivityDto {
  @ApiProperty({ description: '举办日期 YYYY-MM-DD（不早于计划日期，不晚于今天）', example: '2026-07-15' })
  @Matches(DAY, { message: 'heldOn must be YYYY-MM-DD' })
  heldOn!: string;

  @ApiProperty({ description: '参加人数（人次）', example: 120 })
  @IsInt()
  participants!: number;

  @ApiProperty({ description: '其中新就业形态劳动者人数', example: 80 })
  @IsInt()
  newFormParticipants!: number;

  @ApiPropertyOptional({ type: [String], description: `活动照片（上传后的存储引用，最多 ${ACTIVITY_PHOTOS_MAX} 张）` })
  @IsOptional() @IsArray() @ArrayMaxSize(ACTIVITY_PHOTOS_MAX) @Matches(PHOTO_REF, { each: true, message: 'photos must be upload references (ph_<uuid>)' })
  photos?: string[];
}

export function toHoldActivity(activityId: string, dto: HoldActivityDto): HoldActivity {
  return { type: 'HoldActivity', activityId, heldOn: dto.heldOn, participants: dto.participants, newFormParticipants: dto.newFormParticipants, photos: [...(dto.photos ?? [])] };
}
