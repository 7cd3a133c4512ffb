import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsUUID } from 'class-validator';

export class SwapShiftDto {
  @ApiProperty({ description: '接班的志愿者' }) @IsUUID()
  toVolunteerId!: string;
}

export class AnswerSwapDto {
  @ApiProperty({ description: '接受（true）或谢绝（false）' }) @IsBoolean()
  accept!: boolean;
}
