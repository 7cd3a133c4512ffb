import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class StatusReasonDto {
  @ApiProperty({ example: '本人申请' }) @IsString() @MaxLength(400)
  reason!: string;
}
