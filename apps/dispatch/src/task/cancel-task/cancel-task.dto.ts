import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { TASK_REASON_MAX } from '../task.decider';

export class CancelTaskDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(TASK_REASON_MAX)
  reason!: string;
}
