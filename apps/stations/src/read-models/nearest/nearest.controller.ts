import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { CHINA_BOUNDS, FACILITY_CODES, ISO_INSTANT, STATION_KINDS } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { StationLocator } from './station-locator.service';

export class NearestQueryDto {
  @ApiProperty({ description: '经度 WGS-84' })
  @Type(() => Number) @IsNumber() @Min(CHINA_BOUNDS.minLng) @Max(CHINA_BOUNDS.maxLng)
  lng!: number;

  @ApiProperty({ description: '纬度 WGS-84' })
  @Type(() => Number) @IsNumber() @Min(CHINA_BOUNDS.minLat) @Max(CHINA_BOUNDS.maxLat)
  lat!: number;

  @ApiPropertyOptional({ default: 5, maximum: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  k?: number;

  @ApiPropertyOptional({ enum: FACILITY_CODES, description: '必须具备的设施' })
  @IsOptional() @IsIn(FACILITY_CODES)
  facility?: string;

  @ApiPropertyOptional({ description: '在此时刻开放（ISO 时间，默认现在，按北京时间判断营业时间）' })
  @IsOptional() @Matches(ISO_INSTANT, { message: 'at must be an ISO 8601 instant' })
  at?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsNumber() @Min(0.01) @Max(200)
  maxKm?: number;

  @ApiPropertyOptional({ enum: STATION_KINDS, description: '驿站类型，如 driver_home（司机之家）' })
  @IsOptional() @IsIn(STATION_KINDS)
  kind?: string;

  @ApiPropertyOptional({ description: '只要24小时开放的' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  open24h?: boolean;
}

/** A kind or 24 h filter scans the serving stations within this radius (the index keeps no bits for them). */
const FILTERED_SCAN_KM = 30;

@ApiTags('附近驿站 nearest')
@Controller('nearest')
export class NearestController {
  constructor(private readonly locator: StationLocator) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '离我最近的开放驿站（可要求设施、类型、24小时，指定时间）' })
  nearest(@Query() query: NearestQueryDto) {
    const k = query.k ?? 5;
    const openAt = query.at ? new Date(query.at) : undefined;
    const results =
      query.kind || query.open24h
        ? this.locator.index
            .within(query.lng, query.lat, Math.min(query.maxKm ?? FILTERED_SCAN_KM, FILTERED_SCAN_KM), openAt)
            .filter(({ station }) => (!query.kind || station.kind === query.kind) && (!query.open24h || station.hours.open24h) && (!query.facility || station.facilities.includes(query.facility)))
            .slice(0, k)
        : this.locator.index.nearest({
            lng: query.lng,
            lat: query.lat,
            k,
            ...(query.facility ? { facility: query.facility } : {}),
            ...(openAt ? { openAt } : {}),
            ...(query.maxKm ? { maxDistanceKm: query.maxKm } : {}),
          });
    return results.map(({ station, distanceKm }) => ({
      id: station.id,
      name: station.name,
      tier: station.tier,
      kind: station.kind,
      lng: station.lng,
      lat: station.lat,
      stars: station.stars ?? null,
      open24h: station.hours.open24h,
      facilities: station.facilities,
      notice: station.notice ?? null,
      distanceKm: Math.round(distanceKm * 1000) / 1000,
    }));
  }
}
