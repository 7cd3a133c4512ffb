import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DEMAND_DISPATCH_MODES, WISH_CATEGORIES } from '@ws/contracts';
import type { DemandDispatchMode, WishCategory } from '@ws/contracts';
import { ACTIVITY_SEATS_MAX, DECISION_ANSWER_MAX, DECISION_MAX_WISHES, DECISION_TITLE_MAX } from '../demand.decider';

export class DemandActivityDto {
  @ApiProperty({ description: '活动地点（站点编号）' })
  @IsUUID()
  stationId!: string;

  @ApiProperty({ description: '活动开始时间（ISO 8601）' })
  @IsISO8601({ strict: true })
  date!: string;

  @ApiProperty({ minimum: 1, maximum: ACTIVITY_SEATS_MAX })
  @IsInt() @Min(1) @Max(ACTIVITY_SEATS_MAX)
  seats!: number;

  @ApiProperty({ maxLength: DECISION_TITLE_MAX })
  @IsString() @MaxLength(DECISION_TITLE_MAX)
  title!: string;
}

export class DecideDemandDto {
  @ApiProperty({ enum: WISH_CATEGORIES })
  @IsIn(WISH_CATEGORIES)
  category!: WishCategory;

  @ApiProperty({ enum: DEMAND_DISPATCH_MODES, description: '逐条派单 / 组织一次活动 / 只答复不派单' })
  @IsIn(DEMAND_DISPATCH_MODES)
  mode!: DemandDispatchMode;

  @ApiPropertyOptional({ type: [String], description: '默认：该组全部待决定的心愿' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(DECISION_MAX_WISHES) @IsUUID(undefined, { each: true })
  wishIds?: string[];

  @ApiPropertyOptional({ maxLength: DECISION_TITLE_MAX })
  @IsOptional() @IsString() @MaxLength(DECISION_TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ type: DemandActivityDto })
  @IsOptional() @ValidateNested() @Type(() => DemandActivityDto)
  activity?: DemandActivityDto;

  @ApiPropertyOptional({ maxLength: DECISION_ANSWER_MAX })
  @IsOptional() @IsString() @MaxLength(DECISION_ANSWER_MAX)
  answer?: string;

  @ApiPropertyOptional({ description: '街道内须有人接单的截止时间；默认为最早到期心愿剩余时间的一半' })
  @IsOptional() @IsISO8601({ strict: true })
  deadline?: string;
}
