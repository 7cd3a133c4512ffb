import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Max, Min } from 'class-validator';
import { CHINA_BOUNDS } from '@ws/contracts';

const finite = { allowNaN: false, allowInfinity: false } as const;

/** WGS-84 (GPS) coordinates inside China's bounding box. */
export class LocationDto {
  @ApiProperty({ description: '经度（WGS-84）', minimum: CHINA_BOUNDS.minLng, maximum: CHINA_BOUNDS.maxLng, example: 118.8726 })
  @IsNumber(finite)
  @Min(CHINA_BOUNDS.minLng, { message: `lng must be at least ${CHINA_BOUNDS.minLng} (inside China)` })
  @Max(CHINA_BOUNDS.maxLng, { message: `lng must be at most ${CHINA_BOUNDS.maxLng} (inside China)` })
  lng!: number;

  @ApiProperty({ description: '纬度（WGS-84）', minimum: CHINA_BOUNDS.minLat, maximum: CHINA_BOUNDS.maxLat, example: 28.9417 })
  @IsNumber(finite)
  @Min(CHINA_BOUNDS.minLat, { message: `lat must be at least ${CHINA_BOUNDS.minLat} (inside China)` })
  @Max(CHINA_BOUNDS.maxLat, { message: `lat must be at most ${CHINA_BOUNDS.maxLat} (inside China)` })
  lat!: number;
}
