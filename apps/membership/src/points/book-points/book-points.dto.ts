import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { MAX_POINTS_PER_ENTRY } from '../points.decider';

export class BookPointsDto {
  @ApiProperty({ description: '记账编号（UUID，重复提交只记一次）' }) @IsUUID()
  entryId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_POINTS_PER_ENTRY }) @IsInt() @Min(1) @Max(MAX_POINTS_PER_ENTRY)
  points!: number;

  @ApiProperty({ example: '志愿服务补记' }) @IsString() @MaxLength(400)
  reason!: string;
}
