import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, SERVICE_CODES } from '@ws/contracts';
import type { ActivityKind, ServiceCode } from '@ws/contracts';
import { describeCodes, SERVICE_LABELS } from '../../catalogue/labels';
import { NAME_MAX, STREET_CODE } from '../../station/station.rules';
import { NOT_BLANK } from '../../station/shared/dto-decorators';
import { ACTIVITY_TITLE_MAX, PARTNERS_MAX } from '../activity.rules';
import type { PlanRequest } from '../activity-commands';

export const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class PlanActivityDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: '举办驿站；街道组织的站外活动不填' })
  @IsOptional() @IsUUID()
  stationId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '街道（乡镇）代码，9位；在驿站举办时取驿站所在街道', example: '330802003' })
  @IsOptional() @Matches(STREET_CODE, { message: 'streetCode must be 9 digits' })
  streetCode?: string | null;

  @ApiProperty({ enum: [...ACTIVITY_KINDS], description: `活动类型：${describeCodes(ACTIVITY_KIND_LABELS)}` })
  @IsIn(ACTIVITY_KINDS)
  kind!: ActivityKind;

  @ApiProperty({ maxLength: ACTIVITY_TITLE_MAX, example: '“三送下基层”义诊进驿站' })
  @IsString() @MaxLength(ACTIVITY_TITLE_MAX) @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @ApiProperty({ maxLength: NAME_MAX, description: '主办单位（不填个人）', example: '义乌市总工会' })
  @IsString() @MaxLength(NAME_MAX) @Matches(NOT_BLANK, { message: 'organiser must not be blank' })
  organiser!: string;

  @ApiPropertyOptional({ type: [String], description: '合作单位（社区、医院、律所…）', example: ['稠城街道文化社区'] })
  @IsOptional() @IsArray() @ArrayMaxSize(PARTNERS_MAX) @IsString({ each: true }) @MaxLength(NAME_MAX, { each: true })
  partners?: string[];

  @ApiProperty({ description: '计划日期 YYYY-MM-DD（北京时间）', example: '2026-07-15' })
  @Matches(DAY, { message: 'plannedOn must be YYYY-MM-DD' })
  plannedOn!: string;

  @ApiPropertyOptional({ nullable: true, description: '报名名额；不接受报名时不填', example: 30 })
  @IsOptional() @IsInt()
  places?: number | null;

  @ApiPropertyOptional({ enum: [...SERVICE_CODES], nullable: true, description: `对应驿站的增值服务：${describeCodes(SERVICE_LABELS)}` })
  @IsOptional() @IsIn(SERVICE_CODES)
  service?: ServiceCode | null;
}

export function toPlanActivity(activityId: string, dto: PlanActivityDto): PlanRequest {
  return {
    type: 'PlanActivity',
    activityId,
    stationId: dto.stationId ?? null,
    streetCode: dto.streetCode ?? null,
    kind: dto.kind,
    title: dto.title,
    organiser: dto.organiser,
    partners: [...(dto.partners ?? [])],
    plannedOn: dto.plannedOn,
    places: dto.places ?? null,
    service: dto.service ?? null,
  };
}
