import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TASK_REASON_MAX } from '../task.decider';

export class DeclineInvitationDto {
  @ApiPropertyOptional({ description: '谢绝原因（可不填）' }) @IsOptional() @IsString() @MaxLength(TASK_REASON_MAX)
  reason?: string;
}
