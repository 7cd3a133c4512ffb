import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { STATION_CLASS_LABELS, STATION_CLASSES } from '@ws/contracts';
import type { StationClass } from '@ws/contracts';
import { describeCodes } from '../../catalogue/labels';
import type { ClassifyStation } from './classify-station.command';

export class ClassifyStationDto {
  @ApiProperty({ enum: [...STATION_CLASSES], description: `驿站类型：${describeCodes(STATION_CLASS_LABELS)}` })
  @IsIn(STATION_CLASSES)
  stationClass!: StationClass;
}

export function toClassifyStation(stationId: string, dto: ClassifyStationDto): ClassifyStation {
  return { type: 'ClassifyStation', stationId, stationClass: dto.stationClass };
}
