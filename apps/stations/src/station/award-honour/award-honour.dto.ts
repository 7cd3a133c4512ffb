import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { HONOUR_LEVELS } from '@ws/contracts';
import type { HonourLevel } from '@ws/contracts';
import { describeCodes, HONOUR_LEVEL_LABELS } from '../../catalogue/labels';
import { EARLIEST_YEAR } from '../review-station/review-station.command';
import { TITLE_MAX } from '../station.rules';
import { NOT_BLANK } from '../shared/dto-decorators';
import type { AwardHonour } from './award-honour.command';

export class AwardHonourDto {
  @ApiProperty({ description: '获评年度', minimum: EARLIEST_YEAR, example: 2025 })
  @IsInt()
  @Min(EARLIEST_YEAR)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: [...HONOUR_LEVELS], description: `级别：${describeCodes(HONOUR_LEVEL_LABELS)}` })
  @IsIn(HONOUR_LEVELS)
  level!: HonourLevel;

  @ApiProperty({ description: '荣誉名称', maxLength: TITLE_MAX, example: '最美工会户外劳动者服务站点' })
  @IsString()
  @MaxLength(TITLE_MAX)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;
}

export function toAwardHonour(stationId: string, dto: AwardHonourDto): AwardHonour {
  return { type: 'AwardHonour', stationId, year: dto.year, level: dto.level, title: dto.title };
}
