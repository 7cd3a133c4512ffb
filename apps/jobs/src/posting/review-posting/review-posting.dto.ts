import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { POSTING_STATUSES, TAKEDOWN_REASONS } from '@ws/contracts';
import type { PostingStatus, TakedownReason } from '@ws/contracts';
import { PageQueryDto } from '../../shared/pages';

export class PostingListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: POSTING_STATUSES }) @IsOptional() @IsIn(POSTING_STATUSES)
  status?: PostingStatus;

  @ApiPropertyOptional({ enum: ['true'], description: 'true：只看被举报过的（举报队列）' }) @IsOptional() @IsIn(['true', 'false'], { message: 'reported 须为 true 或 false' })
  reported?: 'true' | 'false';
}

export class TakeDownDto {
  @ApiProperty({ enum: TAKEDOWN_REASONS }) @IsIn(TAKEDOWN_REASONS)
  reason!: TakedownReason;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}
