import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { StationPlace } from '@ws/contracts';
import { ADDRESS_MAX, COMMUNITY_CODE, STREET_CODE } from '../station.rules';
import { NOT_BLANK } from './dto-decorators';
import { LocationDto } from './location.dto';

/** Where a station is: street, community, address and coordinates (register and relocate). */
export class PlaceDto {
  @ApiProperty({ description: '街道（乡镇）代码，9位', example: '330802001' })
  @Matches(STREET_CODE, { message: 'streetCode must be 9 digits' })
  streetCode!: string;

  @ApiPropertyOptional({ description: '社区（村）代码，12位，以街道代码开头', example: '330802001001', nullable: true })
  @IsOptional()
  @Matches(COMMUNITY_CODE, { message: 'communityCode must be 12 digits' })
  communityCode?: string | null;

  @ApiProperty({ description: '地址', maxLength: ADDRESS_MAX, example: '衢州市柯城区府山街道文昌社区' })
  @IsString()
  @MaxLength(ADDRESS_MAX)
  @Matches(NOT_BLANK, { message: 'address must not be blank' })
  address!: string;

  @ApiProperty({ type: () => LocationDto, description: '坐标（WGS-84）' })
  @IsDefined()
  @ValidateNested()
  @Type(() => LocationDto)
  location!: LocationDto;
}

export function toPlace(dto: PlaceDto): StationPlace {
  return {
    streetCode: dto.streetCode,
    communityCode: dto.communityCode ?? null,
    address: dto.address,
    location: { lng: dto.location.lng, lat: dto.location.lat },
  };
}
