import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { RATING_COMMENT_MAX } from '../application.decider';

export class RatingDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1–5 星' }) @IsInt({ message: '评分应为 1–5 星' })
  rating!: number;

  @ApiPropertyOptional({ maxLength: RATING_COMMENT_MAX, description: '一句话评价（可不填；不要写手机号、身份证号）' }) @IsOptional() @IsString({ message: '评价应为文字' }) @MaxLength(1000)
  comment?: string;
}
