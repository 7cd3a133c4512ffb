import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { STATION_HOSTS, STATION_KINDS, STATION_TIERS } from '@ws/contracts';
import type { StationChanges, StationHost, StationKind, StationTier } from '@ws/contracts';
import { NAME_MAX, PHONE, SEATS_MAX } from '../station.rules';
import { NOT_BLANK, OptionalNotNull } from '../shared/dto-decorators';
import { OpeningHoursDto, toOpeningHours } from '../shared/opening-hours.dto';
import type { UpdateStation } from './update-station.command';

/** Only the fields sent change; `seats` and `contactPhone` may be null to clear them. Moving is relocate. */
export class UpdateStationDto {
  @ApiPropertyOptional({ description: '驿站名称', maxLength: NAME_MAX })
  @OptionalNotNull()
  @IsString()
  @MaxLength(NAME_MAX)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ enum: [...STATION_KINDS] })
  @OptionalNotNull()
  @IsIn(STATION_KINDS)
  kind?: StationKind;

  @ApiPropertyOptional({ enum: [...STATION_TIERS] })
  @OptionalNotNull()
  @IsIn(STATION_TIERS)
  tier?: StationTier;

  @ApiPropertyOptional({ enum: [...STATION_HOSTS] })
  @OptionalNotNull()
  @IsIn(STATION_HOSTS)
  host?: StationHost;

  @ApiPropertyOptional({ type: () => OpeningHoursDto, description: '开放时间' })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => OpeningHoursDto)
  hours?: OpeningHoursDto;

  @ApiPropertyOptional({ description: '座位数；null 表示清除', minimum: 0, maximum: SEATS_MAX, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SEATS_MAX)
  seats?: number | null;

  @ApiPropertyOptional({ description: '驿站联系电话；null 表示清除', nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'contactPhone must be a landline, a mobile or a 5-digit hotline' })
  contactPhone?: string | null;
}

export function toUpdateStation(stationId: string, dto: UpdateStationDto): UpdateStation {
  const changes: StationChanges = {};
  if (dto.name !== undefined) changes.name = dto.name;
  if (dto.kind !== undefined) changes.kind = dto.kind;
  if (dto.tier !== undefined) changes.tier = dto.tier;
  if (dto.host !== undefined) changes.host = dto.host;
  if (dto.hours !== undefined) changes.hours = toOpeningHours(dto.hours);
  if (dto.seats !== undefined) changes.seats = dto.seats;
  if (dto.contactPhone !== undefined) changes.contactPhone = dto.contactPhone;
  return { type: 'UpdateStation', stationId, changes };
}
