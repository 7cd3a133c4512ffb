import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { CRITERION_LABELS } from '../../catalogue/labels';
import { MAX_CRITERION_SCORE, MIN_CRITERION_SCORE, REVIEW_WEIGHTS } from '../../catalogue/stars';
import type { MeasuredYear } from '../../catalogue/stars';
import { EARLIEST_YEAR, type ReviewStation } from './review-station.command';

const criterion = (code: keyof typeof CRITERION_LABELS) => ({
  description: `${CRITERION_LABELS[code]}（权重 ${REVIEW_WEIGHTS[code]}%）`,
  minimum: MIN_CRITERION_SCORE,
  maximum: MAX_CRITERION_SCORE,
});

/** One whole-point score (0–100) per typed criterion; all three are required (usage and satisfaction are measured, not sent). */
export class ReviewScoresDto {
  @ApiProperty(criterion('facilities')) @IsInt() @Min(MIN_CRITERION_SCORE) @Max(MAX_CRITERION_SCORE)
  facilities!: number;

  @ApiProperty(criterion('services')) @IsInt() @Min(MIN_CRITERION_SCORE) @Max(MAX_CRITERION_SCORE)
  services!: number;

  @ApiProperty(criterion('management')) @IsInt() @Min(MIN_CRITERION_SCORE) @Max(MAX_CRITERION_SCORE)
  management!: number;
}

export class ReviewStationDto {
  @ApiProperty({ description: '评定年度（不晚于今年；同一年度再次评定视为更正）', minimum: EARLIEST_YEAR, example: 2025 })
  @IsInt()
  @Min(EARLIEST_YEAR)
  @Max(2100)
  year!: number;

  @ApiProperty({ type: () => ReviewScoresDto, description: '各项评分（使用人次由全年到站人次和活动场次、劳动者满意度由在本站提交的心愿确认时的评分实测计分，均不填）；加权总分 ≥90 五星，≥80 四星，≥70 三星，≥60 二星，其余一星' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ReviewScoresDto)
  scores!: ReviewScoresDto;
}

export function toReviewStation(stationId: string, dto: ReviewStationDto, measured: MeasuredYear): ReviewStation {
  const { facilities, services, management } = dto.scores;
  return { type: 'ReviewStation', stationId, year: dto.year, scores: { facilities, services, management }, measured };
}
