import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { FACILITY_CODES, STATION_HOSTS, STATION_KINDS, STATION_TIERS } from '@ws/contracts';
import type { FacilityCode, StationHost, StationKind, StationTier } from '@ws/contracts';
import { describeCodes, FACILITY_LABELS, HOST_LABELS, KIND_LABELS, TIER_LABELS } from '../../catalogue/labels';
import { NAME_MAX, PHONE, SEATS_MAX } from '../station.rules';
import { NOT_BLANK } from '../shared/dto-decorators';
import { OpeningHoursDto, toOpeningHours } from '../shared/opening-hours.dto';
import { PlaceDto, toPlace } from '../shared/place.dto';
import type { RegisterStation } from './register-station.command';

export class RegisterStationDto extends PlaceDto {
  @ApiProperty({ description: '驿站名称', maxLength: NAME_MAX, example: '文昌社区37°C工会驿站' })
  @IsString()
  @MaxLength(NAME_MAX)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ enum: [...STATION_KINDS], description: `类型：${describeCodes(KIND_LABELS)}` })
  @IsIn(STATION_KINDS)
  kind!: StationKind;

  @ApiProperty({ enum: [...STATION_TIERS], description: `层级：${describeCodes(TIER_LABELS)}` })
  @IsIn(STATION_TIERS)
  tier!: StationTier;

  @ApiProperty({ enum: [...STATION_HOSTS], description: `承建方：${describeCodes(HOST_LABELS)}` })
  @IsIn(STATION_HOSTS)
  host!: StationHost;

  @ApiProperty({ type: () => OpeningHoursDto, description: '开放时间' })
  @IsDefined()
  @ValidateNested()
  @Type(() => OpeningHoursDto)
  hours!: OpeningHoursDto;

  @ApiPropertyOptional({ description: '座位数', minimum: 0, maximum: SEATS_MAX, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SEATS_MAX)
  seats?: number | null;

  @ApiPropertyOptional({ description: '驿站对外公布的联系电话（非个人电话）', example: '0570-3021234', nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'contactPhone must be a landline, a mobile or a 5-digit hotline' })
  contactPhone?: string | null;

  @ApiPropertyOptional({ description: '站长的人员编号（UUID），不填姓名', format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  managerId?: string | null;

  @ApiPropertyOptional({ enum: [...FACILITY_CODES], isArray: true, description: `设施：${describeCodes(FACILITY_LABELS)}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FACILITY_CODES.length)
  @ArrayUnique()
  @IsIn(FACILITY_CODES, { each: true })
  facilities?: FacilityCode[];
}

export function toRegisterStation(stationId: string, dto: RegisterStationDto): RegisterStation {
  return {
    type: 'RegisterStation',
    stationId,
    name: dto.name,
    kind: dto.kind,
    tier: dto.tier,
    host: dto.host,
    ...toPlace(dto),
    hours: toOpeningHours(dto.hours),
    seats: dto.seats ?? null,
    contactPhone: dto.contactPhone ?? null,
    managerId: dto.managerId ?? null,
    facilities: [...(dto.facilities ?? [])],
  };
}
