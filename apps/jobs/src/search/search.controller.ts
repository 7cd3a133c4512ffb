import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Kysely } from 'kysely';
import { isInsideChina, JOB_CATEGORIES, PAY_MODES, TRAVEL_RADIUS_KM } from '@ws/contracts';
import type { GeoPoint, JobCategory, PayMode, SeekerPreferences } from '@ws/contracts';
import { CLOCK, Public } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { CommandRunner, DB } from '@ws/platform';
import { CurrentAccount, SeekerOnly } from '../access/jobs-access';
import type { JobsDatabase } from '../db/database';
import { searchOpenPostings } from './search.query';
import { seekerAggregate } from '../aggregates';
import { jobsError } from '../errors';

export const SEARCH_DEFAULT_KM = 5;

export class NearbyFilterDto {
  @ApiPropertyOptional({ enum: JOB_CATEGORIES }) @IsOptional() @IsIn(JOB_CATEGORIES, { message: 'category 不在可选工种内' })
  category?: JobCategory;

  @ApiPropertyOptional({ enum: PAY_MODES }) @IsOptional() @IsIn(PAY_MODES, { message: 'payMode 须为 日结/周结/月结/项目制 之一' })
  payMode?: PayMode;

  @ApiPropertyOptional({ minimum: TRAVEL_RADIUS_KM.min, maximum: TRAVEL_RADIUS_KM.max, description: '距离（公里）' })
  @IsOptional() @Type(() => Number) @IsNumber({}, { message: 'radiusKm 须为数字' }) @Min(TRAVEL_RADIUS_KM.min, { message: `radiusKm 至少 ${TRAVEL_RADIUS_KM.min} 公里` }) @Max(TRAVEL_RADIUS_KM.max, { message: `radiusKm 最多 ${TRAVEL_RADIUS_KM.max} 公里` })
  radiusKm?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 }) @IsOptional() @Type(() => Number) @IsInt({ message: 'limit 须为整数' }) @Min(1, { message: 'limit 至少 1' }) @Max(50, { message: 'limit 最多 50' })
  limit?: number;

  @ApiPropertyOptional({ description: '上一页返回的 next' }) @IsOptional() @IsString() @MaxLength(200)
  after?: string;
}

export class NearbyQueryDto extends NearbyFilterDto {
  @ApiPropertyOptional({ description: '经度（WGS-84）；或给 stationId' }) @IsOptional() @Type(() => Number) @IsNumber({}, { message: 'lng 须为数字' })
  lng?: number;

  @ApiPropertyOptional({ description: '纬度（WGS-84）' }) @IsOptional() @Type(() => Number) @IsNumber({}, { message: 'lat 须为数字' })
  lat?: number;

  @ApiPropertyOptional({ description: '从这个驿站（零工之家服务点）出发' }) @IsOptional() @IsString() @MaxLength(64)
  stationId?: string;
}

/**
 * 附近的工作: open postings by category, pay mode and distance, from a point, from a station, or
 * (signed in) from the seeker's home within how far they said they would travel — each with its
 * distance and the 导航 links (GCJ-02) to the place of work.
 */
@ApiTags('零工之家 jobs')
@Controller()
export class SearchController {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('postings/nearby')
  @Public()
  @Throttle({ default: { limit: 120, ttl: 60_000 } })
  @ApiOperation({ summary: '附近的招工信息：按工种、结算方式、距离（从一个位置或一个驿站出发），含距离和导航链接' })
  async nearby(@Query() query: NearbyQueryDto) {
    const origin = await this.originOf(query);
    return {
      origin,
      ...(await searchOpenPostings(this.db, {
        origin,
        radiusKm: query.radiusKm ?? SEARCH_DEFAULT_KM,
        categories: query.category ? [query.category] : [],
        payModes: query.payMode ? [query.payMode] : [],
        limit: query.limit ?? 20,
        after: query.after,
        now: this.clock.now(),
      })),
    };
  }

  @Get('seekers/me/postings')
  @SeekerOnly()
  @ApiOperation({ summary: '离家近的工作：从家出发、在愿意通勤的距离内、想找的工种（可另选工种、结算方式、距离）' })
  async nearHome(@CurrentAccount() seekerId: string, @Query() query: NearbyFilterDto) {
    const { state, envelopes } = await this.runner.load(seekerAggregate, seekerId);
    if (!state.registered) throw jobsError('seeker_not_found', '没有这个求职者');
    const preferences = [...envelopes].reverse().find((e) => e.type === 'SeekerPreferencesChanged' || e.type === 'SeekerRegistered')!.data as SeekerPreferences;
    const home = await this.db.selectFrom('jobs_vault').select(['home_lng', 'home_lat']).where('owner_kind', '=', 'seeker').where('owner_id', '=', seekerId).executeTakeFirst();
    if (!home || home.home_lng === null || home.home_lat === null) throw jobsError('personal_data_erased', '个人信息不存在或已删除');
    return searchOpenPostings(this.db, {
      origin: { lng: home.home_lng, lat: home.home_lat },
      radiusKm: query.radiusKm ?? preferences.travelRadiusKm,
      categories: query.category ? [query.category] : preferences.categories,
      payModes: query.payMode ? [query.payMode] : [],
      limit: query.limit ?? 20,
      after: query.after,
      now: this.clock.now(),
    });
  }

  private async originOf(query: NearbyQueryDto): Promise<GeoPoint> {
    if (query.stationId !== undefined) {
      const station = await this.db.selectFrom('station_points').select(['lng', 'lat']).where('station_id', '=', query.stationId).where('closed', '=', false).executeTakeFirst();
      if (!station) throw jobsError('station_not_found', '没有这个驿站', 'stationId');
      return { lng: station.lng, lat: station.lat };
    }
    if (query.lng === undefined || query.lat === undefined) throw jobsError('validation_failed', '请给出位置（lng、lat）或驿站（stationId）', 'lng');
    const point = { lng: query.lng, lat: query.lat };
    if (!isInsideChina(point)) throw jobsError('validation_failed', '位置不在中国境内（WGS-84 经纬度）', 'lng');
    return point;
  }
}
