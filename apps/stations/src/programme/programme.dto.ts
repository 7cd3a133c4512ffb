import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PROGRAMME_KIND_LABELS, PROGRAMME_KINDS, type ProgrammeKind } from '@ws/contracts';
import { describeCodes } from '../catalogue/labels';
import { DAY } from '../activity/plan-activity/plan-activity.dto';
import { STREET_CODE } from '../station/station.rules';
import { NOT_BLANK } from '../station/shared/dto-decorators';
import type { CloseProgramme } from './close-programme/close-programme.command';
import type { LaunchProgramme } from './launch-programme/launch-programme.command';
import type { DeliveryRequest } from './programme-command.handler';
import { PROGRAMME_TITLE_MAX } from './programme.rules';

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

export class RecordDeliveryDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: '服务驿站；街道组织时不填' }) @IsOptional() @IsUUID()
  stationId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '街道（乡镇）代码，9位；在驿站时取驿站所在街道' }) @IsOptional() @Matches(STREET_CODE, { message: 'streetCode must be 9 digits' })
  streetCode?: string | null;

  @ApiProperty({ example: '2026-07-15' }) @Matches(DAY, { message: 'deliveredOn must be YYYY-MM-DD' })
  deliveredOn!: string;

  @ApiProperty({ description: '服务人次（不记姓名）', example: 120 }) @IsInt()
  people!: number;

  @ApiPropertyOptional({ description: '其中新就业形态劳动者人次', example: 40, default: 0 }) @IsOptional() @IsInt()
  newFormPeople?: number;

  @ApiPropertyOptional({ description: '使用场次/名额', example: 1, default: 1 }) @IsOptional() @IsInt()
  places?: number;
}

export class CloseProgrammeDto {
  @ApiProperty({ example: '2026-12-01' }) @Matches(DAY, { message: 'closedOn must be YYYY-MM-DD' })
  closedOn!: string;
}

export function toLaunchProgramme(programmeId: string, dto: LaunchProgrammeDto): LaunchProgramme {
  return {
    type: 'LaunchProgramme', programmeId, kind: dto.kind, title: dto.title, target: dto.target, places: dto.places ?? null,
    minNewFormSharePercent: dto.minNewFormSharePercent ?? 0, startsOn: dto.startsOn, endsOn: dto.endsOn,
  };
}

export function toRecordDelivery(programmeId: string, deliveryId: string, dto: RecordDeliveryDto): DeliveryRequest {
  return {
    type: 'RecordDelivery', programmeId, deliveryId, stationId: dto.stationId ?? null, streetCode: dto.streetCode ?? null,
    deliveredOn: dto.deliveredOn, people: dto.people, newFormPeople: dto.newFormPeople ?? 0, places: dto.places ?? 1,
  };
}

export function toCloseProgramme(programmeId: string, dto: CloseProgrammeDto): CloseProgramme {
  return { type: 'CloseProgramme', programmeId, closedOn: dto.closedOn };
}
