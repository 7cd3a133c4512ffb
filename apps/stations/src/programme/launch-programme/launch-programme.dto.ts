import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PROGRAMME_KIND_LABELS, PROGRAMME_KINDS, type ProgrammeKind } from '@ws/contracts';
import { describeCodes } from '../../catalogue/labels';
import { DAY } from '../../activity/plan-activity/plan-activity.dto';
import { NOT_BLANK } from '../../station/shared/dto-decorators';
import { PROGRAMME_TITLE_MAX } from '../programme.rules';
import type { LaunchProgramme } from './launch-programme.command';

export class LaunchProgrammeDto {
  @ApiProperty({ enum: [...PROGRAMME_KINDS], description: `项目类型：${describeCodes(PROGRAMME_KIND_LABELS)}` }) @IsIn(PROGRAMME_KINDS)
  kind!: ProgrammeKind;

  @ApiProperty({ maxLength: PROGRAMME_TITLE_MAX, example: '2026年户外劳动者免费健康体检' })
  @IsString() @MaxLength(PROGRAMME_TITLE_MAX) @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @ApiProperty({ description: '目标服务人次', example: 8000 }) @IsInt()
  target!: number;

  @ApiPropertyOptional({ nullable: true, description: '场次/名额（如 200 个托班）；不计时不填', example: 200 }) @IsOptional() @IsInt()
  places?: number | null;

  @ApiPropertyOptional({ description: '新就业形态劳动者占总服务人次的下限（百分比整数，0 为不限）', example: 20, default: 0 }) @IsOptional() @IsInt()
  minNewFormSharePercent?: number;

  @ApiProperty({ example: '2026-03-01' }) @Matches(DAY, { message: 'startsOn must be YYYY-MM-DD' })
  startsOn!: string;

  @ApiProperty({ example: '2026-11-30' }) @Matches(DAY, { message: 'endsOn must be YYYY-MM-DD' })
  endsOn!: string;
}

export function toLaunchProgramme(programmeId: string, dto: LaunchProgrammeDto): LaunchProgramme {
  return {
    type: 'LaunchProgramme', programmeId, kind: dto.kind, title: dto.title, target: dto.target, places: dto.places ?? null,
    minNewFormSharePercent: dto.minNewFormSharePercent ?? 0, startsOn: dto.startsOn, endsOn: dto.endsOn,
  };
}
