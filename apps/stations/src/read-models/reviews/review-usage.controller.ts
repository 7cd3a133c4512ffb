import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Kysely } from 'kysely';
import { type Role, Roles, uuidParam } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { usageOf } from './measured-usage';

const REVIEWERS: Role[] = ['province_officer', 'city_officer', 'district_officer'];

export class UsageQueryDto {
  @ApiProperty({ description: '评定年度', example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year!: number;
}

/** What the star review's usage score will be: the station's year of visits and activities, measured. */
@ApiTags('驿站管理 stations')
@ApiBearerAuth()
@Controller('stations')
export class ReviewUsageController {
  constructor(@Inject(DB) private readonly db: Kysely<StationsDatabase>) {}

  @Get(':id/review-usage') @Roles(...REVIEWERS)
  @ApiOperation({ summary: '星级评定的使用人次得分：该年度到站人次与举办活动场次（实测）及其得分' })
  usage(@Param('id', uuidParam()) id: string, @Query() query: UsageQueryDto) {
    return usageOf(this.db, id, query.year);
  }
}
