import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Kysely } from 'kysely';
import { PROGRAMME_KINDS, type ProgrammeKind } from '@ws/contracts';
import { Public, uuidParam } from '@ws/kernel';
import { DB, PageQueryDto } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { DayRangeDto } from '../day-range';
import { figuresController } from '../figures.controller';
import { programmeById, programmeFigures, programmePage } from './programmes.query';
import { stationsError } from '../../errors';

export class ProgrammeListDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: [...PROGRAMME_KINDS] }) @IsOptional() @IsIn(PROGRAMME_KINDS)
  kind?: ProgrammeKind;

  @ApiPropertyOptional({ enum: ['running', 'closed'] }) @IsOptional() @IsIn(['running', 'closed'])
  status?: 'running' | 'closed';
}

export const ProgrammeFiguresController = figuresController({
  name: 'ProgrammeFiguresController',
  path: 'programmes/figures',
  tag: '民生实事 programmes',
  summary: '期间内民生实事服务人次：健康体检人次、其中新就业形态及占比、爱心托班（与报表同数）',
  query: DayRangeDto,
  figures: (db, query) => programmeFigures(db, query.from, query.to),
});

/** Programmes and their live progress (counts only, no names): public like the activity figures. */
@ApiTags('民生实事 programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(@Inject(DB) private readonly db: Kysely<StationsDatabase>) {}

  @Get() @Public()
  @ApiOperation({ summary: '本级及下级的民生实事项目：目标、场次、进度、新就业形态占比及能否达标，分页' })
  list(@Query() query: ProgrammeListDto) {
    const { limit, after, ...filter } = query;
    return programmePage(this.db, filter, after, limit ?? 50);
  }

  @Get(':id') @Public()
  @ApiOperation({ summary: '一个项目的进度' })
  async one(@Param('id', uuidParam()) id: string) {
    const programme = await programmeById(this.db, id);
    if (!programme) throw stationsError('programme_not_found', `项目 ${id} 不存在`, 'id');
    return programme;
  }
}
