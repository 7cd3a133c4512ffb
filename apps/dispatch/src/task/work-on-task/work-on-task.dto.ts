import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_TASK_HOURS, PROOF_NOTES_MAX, PROOF_PHOTOS_MAX } from '../task.decider';

export class CompleteTaskDto {
  @ApiProperty({ description: '完成情况说明' }) @IsString() @MinLength(1) @MaxLength(PROOF_NOTES_MAX)
  notes!: string;

  @ApiProperty({ description: '照片引用（已上传文件的编号）', type: [String] })
  @IsArray() @ArrayMaxSize(PROOF_PHOTOS_MAX) @IsString({ each: true }) @MaxLength(200, { each: true })
  photoRefs!: string[];

  @ApiPropertyOptional({ description: '活动参加人数（活动类任务必填）' }) @IsOptional() @IsInt() @Min(0) @Max(100_000)
  attendees?: number;

  @ApiProperty({ description: '服务时长（小时）', example: 2 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0.25) @Max(MAX_TASK_HOURS)
  hours!: number;
}
