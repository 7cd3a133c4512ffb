import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Kysely } from 'kysely';
import { FACILITY_CODES, ISO_INSTANT, STANDARD_CODES, STATION_CLASSES, STATION_KINDS, STATION_STATUSES, STATION_TIERS } from '@ws/contracts';
import type { StandardCode } from '@ws/contracts';
import { CLOCK, Public, uuidParam } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB, PageQueryDto, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { STANDARDS } from '../../catalogue/standards';
import type { StationsDatabase } from '../../db/database';
import { adoptedStandard, DirectoryFilter, searchDirectory, stationDetail } from './directory.query';
import { stationsError } from '../../errors';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

export class DirectoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATION_TIERS }) @IsOptional() @IsIn(STATION_TIERS)
  tier?: string;

  @ApiPropertyOptional({ enum: STATION_KINDS }) @IsOptional() @IsIn(STATION_KINDS)
  kind?: string;

  @ApiPropertyOptional({ enum: STATION_CLASSES, description: '旗舰型 flagship / 标准型 standard' }) @IsOptional() @IsIn(STATION_CLASSES)
  stationClass?: string;

  @ApiPropertyOptional({ enum: STATION_STATUSES }) @IsOptional() @IsIn(STATION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: '必须具备的设施，逗号分隔', example: 'microwave,charging' })
  @IsOptional() @Transform(toList) @ArrayMaxSize(10) @IsIn(FACILITY_CODES, { each: true })
  facility?: string[];

  @ApiPropertyOptional({ description: '现在开放' }) @IsOptional() @Transform(toBoolean) @IsBoolean()
  openNow?: boolean;

  @ApiPropertyOptional({ description: '在此时刻开放（ISO 时间）' }) @IsOptional() @Matches(ISO_INSTANT)
  openAt?: string;

  @ApiPropertyOptional({ description: '24小时不打烊' }) @IsOptional() @Transform(toBoolean) @IsBoolean()
  open24h?: boolean;

  @ApiPropertyOptional({ description: '街道代码（9位）' }) @IsOptional() @Matches(/^\d{9}$/)
  street?: string;

  @ApiPropertyOptional({ description: '社区代码（12位）' }) @IsOptional() @Matches(/^\d{12}$/)
  community?: string;

  @ApiPropertyOptional({ description: '区县代码' }) @IsOptional() @Matches(/^\w{6}$/)
  district?: string;

  @ApiPropertyOptional({ description: '最低星级', minimum: 1, maximum: 5 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5)
  minStars?: number;

  @ApiPropertyOptional({ description: '是否达标（按本节点采用的标准或 standard 参数）' })
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  compliant?: boolean;

  @ApiPropertyOptional({ enum: STANDARD_CODES }) @IsOptional() @IsIn(STANDARD_CODES)
  standard?: StandardCode;

  @ApiPropertyOptional({ description: '名称包含' }) @IsOptional() @IsString() @MaxLength(50)
  q?: string;
}

@ApiTags('驿站目录 directory')
@Controller('stations')
export class DirectoryController {
  constructor(
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: '驿站目录：按层级、类型、设施、营业、街道、星级、达标筛选，按名称排序，按 next 翻页',
    description: 'total 为同一筛选条件下的驿站总数（各页合计，与本页同时统计）。',
  })
  async list(@Query() query: DirectoryQueryDto) {
    const filter: DirectoryFilter = {
      tier: query.tier,
      kind: query.kind,
      stationClass: query.stationClass,
      status: query.status,
      facilities: query.facility,
      open24h: query.open24h,
      streetCode: query.street,
      communityCode: query.community,
      districtCode: query.district,
      minStars: query.minStars,
      q: query.q,
      openAt: query.openAt ? new Date(query.openAt) : query.openNow ? this.clock.now() : undefined,
    };
    if (query.compliant !== undefined) {
      const standard = query.standard ?? (await adoptedStandard(this.db, this.config.node.code));
      if (!standard) throw stationsError('no_standard_adopted', '本节点尚未采用建设标准，请指定 standard 参数', 'standard');
      filter.compliantWith = { standard: STANDARDS[standard as StandardCode], compliant: query.compliant };
    }
    return searchDirectory(this.db, filter, { limit: query.limit, after: query.after });
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: '驿站详情及其历史' })
  async detail(@Param('id', uuidParam()) id: string) {
    const station = await stationDetail(this.db, id);
    if (!station) throw stationsError('station_not_found', '驿站不存在', 'id');
    return station;
  }
}
