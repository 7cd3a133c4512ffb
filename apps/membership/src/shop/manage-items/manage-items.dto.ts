import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { MAX_POINTS_PER_ENTRY } from '../../points/points.decider';
import { MAX_STOCK } from '../shop-item.decider';

export class ListItemDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  itemId?: string;

  @ApiProperty({ example: '清凉礼包' }) @IsString() @MaxLength(200)
  name!: string;

  @ApiProperty({ description: '兑换所需积分' }) @IsInt() @Min(1) @Max(MAX_POINTS_PER_ENTRY)
  points!: number;

  @ApiProperty() @IsInt() @Min(0) @Max(MAX_STOCK)
  stock!: number;
}

export class RestockDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_STOCK)
  quantity!: number;
}

export class RepriceDto {
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_POINTS_PER_ENTRY)
  points!: number;
}
