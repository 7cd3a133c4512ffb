import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { FACILITY_CODES } from '@ws/contracts';
import type { FacilityCode } from '@ws/contracts';
import { describeCodes, FACILITY_LABELS } from '../../catalogue/labels';
import type { ChangeFacilities } from './change-facilities.command';

export class ChangeFacilitiesDto {
  @ApiProperty({ enum: [...FACILITY_CODES], isArray: true, description: `调整后的全部设施：${describeCodes(FACILITY_LABELS)}` })
  @IsArray()
  @ArrayMaxSize(FACILITY_CODES.length)
  @ArrayUnique()
  @IsIn(FACILITY_CODES, { each: true })
  facilities!: FacilityCode[];
}

export function toChangeFacilities(stationId: string, dto: ChangeFacilitiesDto): ChangeFacilities {
  return { type: 'ChangeFacilities', stationId, facilities: [...dto.facilities] };
}
