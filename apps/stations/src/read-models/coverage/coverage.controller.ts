import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Kysely, sql } from 'kysely';
import { ISO_INSTANT } from '@ws/contracts';
import { authorize, CLOCK, CurrentPrincipal, type Principal, Public, Roles } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { StationLocator } from '../nearest/station-locator.service';
import { childCoverage } from './child-coverage';
import { computeCoverage, parseWorkerDensityCsv, type TravelMode } from './coverage';

export class ImportCellsDto {
  @ApiProperty({ description: 'CSV：`cell,count`（H3 单元）或 `lat,lng,count`；首行为表头', example: 'cell,count\n8831aa5041fffff,120' })
  @IsString()
  @MaxLength(900_000)
  csv!: string;
}

export class CoverageQueryDto {
  @ApiPropertyOptional({ enum: ['walking', 'ebike'], default: 'ebike', description: '步行或电动车' })
  @IsOptional() @IsIn(['walking', 'ebike'])
  mode?: TravelMode;

  @ApiPropertyOptional({ default: 15, description: '服务圈分钟数' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(60)
  minutes?: number;

  @ApiPropertyOptional({ default: 5 }) @IsOptional() @Type(() => Number) @IsNumber() @Min(1) @Max(10)
  walkingKmh?: number;

  @ApiPropertyOptional({ default: 15 }) @IsOptional() @Type(() => Number) @IsNumber() @Min(5) @Max(40)
  ebikeKmh?: number;

  @ApiPropertyOptional({ description: '只计此时刻按开放时间开着的驿站（ISO 时间）；不填则计现在在运营的全部驿站，不论钟点' })
  @IsOptional() @Matches(ISO_INSTANT)
  at?: string;

  @ApiPropertyOptional({ default: 50, description: '返回的未覆盖热点数' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: '同时返回全部单元（热力图）' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  cells?: boolean;
}

export class ChildCoverageQueryDto {
  @ApiPropertyOptional({ enum: ['walking', 'ebike'], default: 'ebike', description: '步行或电动车' })
  @IsOptional() @IsIn(['walking', 'ebike'], { message: '出行方式应为步行或电动车' })
  mode?: TravelMode;

  @ApiPropertyOptional({ default: 15, description: '服务圈分钟数' })
  @IsOptional() @Type(() => Number) @IsInt({ message: '分钟数须为整数' }) @Min(1, { message: '分钟数至少为 1' }) @Max(60, { message: '分钟数最多为 60' })
  minutes?: number;

  @ApiPropertyOptional({ enum: ['street', 'district'], description: '按街道或按区县（默认：区县节点按街道，市、省按区县）' })
  @IsOptional() @IsIn(['street', 'district'], { message: '分组应为街道或区县' })
  by?: 'street' | 'district';

  @ApiPropertyOptional({ description: '只看某区县的街道（市、省下钻到一个区县）', example: '330802' })
  @IsOptional() @Matches(/^\w{6}$/, { message: '区县代码应为 6 位' })
  district?: string;
}

/** 15分钟服务圈: the share of workers (from an imported heat map) with a station in service in reach. */
@ApiTags('覆盖与选址 coverage')
@Controller('coverage')
export class CoverageController {
  constructor(
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly locator: StationLocator,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Post('cells')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('province_officer', 'city_officer', 'district_officer')
  @ApiOperation({ summary: '导入劳动者分布热力图（替换现有数据）；坏行逐行报告，不影响其他行' })
  async importCells(@Body() dto: ImportCellsDto) {
    const { cells, errors } = parseWorkerDensityCsv(dto.csv);
    const importedAt = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await sql`truncate table worker_cells`.execute(trx);
      for (let i = 0; i < cells.length; i += 5000) {
        const chunk = cells.slice(i, i + 5000).map((c) => ({ cell: c.cell, lat: c.lat, lng: c.lng, workers: c.count, imported_at: importedAt }));
        await trx
          .insertInto('worker_cells')
          .values(chunk)
          .onConflict((oc) => oc.column('cell').doUpdateSet((eb) => ({ workers: sql`worker_cells.workers + ${eb.ref('excluded.workers')}` })))
          .execute();
      }
    });
    return { imported: cells.length, workers: cells.reduce((sum, c) => sum + c.count, 0), errors };
  }

  @Get('children')
  @ApiBearerAuth()
  @Roles('province_officer', 'city_officer', 'district_officer')
  @ApiOperation({ summary: '覆盖率下钻：每个下级（街道或区县）的劳动者数、可达人数与覆盖率，按归属驿站划分' })
  async children(@Query() query: ChildCoverageQueryDto, @CurrentPrincipal() principal: Principal) {
    if (query.district) authorize(principal, { node: query.district, field: 'district' });
    const by = query.district ? 'street' : (query.by ?? (this.config.node.level === 'district' ? 'street' : 'district'));
    const mode = query.mode ?? 'ebike';
    const report = await childCoverage(this.db, this.locator.index, { by, district: query.district, mode, minutes: query.minutes, at: this.clock.now() });
    // Drilled down to one district: the workers placed in other districts are not its business.
    const rows = query.district ? report.rows.filter((r) => r.child.startsWith(query.district!)) : report.rows;
    return { by, district: query.district ?? null, mode, minutes: query.minutes ?? 15, reachKm: report.reachKm, rows };
  }

  // Public: the share of workers within reach and the uncovered hot cells, counts per grid cell
  // (the dashboard's map); the worker-density import that feeds it is an officer's.
  @Get()
  @Public()
  @ApiOperation({ summary: '覆盖率：服务圈内有在运营驿站的劳动者占比（不论钟点；给 at 则只计该时刻开着的），及未覆盖的热点（选址建议）' })
  async coverage(@Query() query: CoverageQueryDto) {
    const rows = await this.db.selectFrom('worker_cells').select(['cell', 'lat', 'lng', 'workers']).execute();
    const cells = rows.map((r) => ({ cell: r.cell, lat: r.lat, lng: r.lng, count: r.workers }));
    const report = computeCoverage(cells, this.locator.index, {
      mode: query.mode ?? 'ebike',
      minutes: query.minutes,
      walkingKmh: query.walkingKmh,
      ebikeKmh: query.ebikeKmh,
      // A given instant asks who had a station open then; without one, the network in service.
      at: query.at ? new Date(query.at) : this.clock.now(),
      countHours: query.at !== undefined,
    });
    return {
      ...report,
      mode: query.mode ?? 'ebike',
      minutes: query.minutes ?? 15,
      uncoveredHotCells: report.uncoveredHotCells.slice(0, query.limit ?? 50),
      ...(query.cells ? { cells } : {}),
    };
  }
}
