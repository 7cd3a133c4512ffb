import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { CHINA_BOUNDS, FACILITY_CODES, ISO_INSTANT } from '@ws/contracts';
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
}

@ApiTags('附近驿站 nearest')
@Controller('nearest')
export class NearestController {
  constructor(private readonly locator: StationLocator) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '离我最近的开放驿站（可要求设施、指定时间）' })
  nearest(@Query() query: NearestQueryDto) {
    const results = this.locator.index.nearest({
      lng: query.lng,
      lat: query.lat,
      k: query.k ?? 5,
      ...(query.facility ? { facility: query.facility } : {}),
      ...(query.at ? { openAt: new Date(query.at) } : {}),
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
      distanceKm: Math.round(distanceKm * 1000) / 1000,
    }));
  }
}
