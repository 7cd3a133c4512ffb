import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FAIR_FORMATS } from '@ws/contracts';
import type { FairFormat } from '@ws/contracts';

export class ScheduleFairDto {
  @ApiProperty({ example: '江亭社区春风行动招聘会' }) @IsString() @MaxLength(200)
  title!: string;

  @ApiProperty({ enum: FAIR_FORMATS, description: 'onsite 现场招聘会（在驿站）/ online 直播带岗' }) @IsIn(FAIR_FORMATS, { message: 'format 须为 onsite 或 online' })
  format!: FairFormat;

  @ApiPropertyOptional({ description: '现场招聘会所在驿站' }) @IsOptional() @IsString() @MaxLength(100)
  stationId?: string;

  @ApiProperty({ example: '500117001', description: '主办街道（计数归属）' }) @IsString()
  streetCode!: string;

  @ApiProperty({ example: '2026-06-10T01:00:00.000Z' }) @IsString()
  startsAt!: string;

  @ApiProperty({ example: '2026-06-10T05:00:00.000Z' }) @IsString()
  endsAt!: string;
}
