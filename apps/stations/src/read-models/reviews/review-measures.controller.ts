import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Kysely } from 'kysely';
import { type Role, Roles, uuidParam } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { reviewMeasures } from './review-measures';

const REVIEWERS: Role[] = ['province_officer', 'city_officer', 'district_officer'];

export class ReviewYearQueryDto {
  @ApiProperty({ description: '评定年度', example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year!: number;
}

/** What the star review's measured criteria will score: the station's year of visits and activities (使用人次) and its wishes' ratings (劳动者满意度). */
@ApiTags('驿站管理 stations')
@ApiBearerAuth()
@Controller('stations')
export class ReviewMeasuresController {
  constructor(@Inject(DB) private readonly db: Kysely<StationsDatabase>) {}

  @Get(':id/review-measures') @Roles(...REVIEWERS)
  @ApiOperation({ summary: '星级评定的实测项：该年度到站人次与举办活动场次（使用人次）、在本站提交的心愿确认时的评分（劳动者满意度），及其得分' })
  measures(@Param('id', uuidParam()) id: string, @Query() query: ReviewYearQueryDto) {
    return reviewMeasures(this.db, id, query.year);
  }
}
