import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { REASON_MAX } from '../station.rules';
import { NOT_BLANK } from '../shared/dto-decorators';
import type { CloseStation } from './close-station.command';

export class CloseStationDto {
  @ApiProperty({ description: '关闭原因（关闭后不可恢复）', maxLength: REASON_MAX, example: '合作单位撤场' })
  @IsString()
  @MaxLength(REASON_MAX)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export function toCloseStation(stationId: string, dto: CloseStationDto): CloseStation {
  return { type: 'CloseStation', stationId, reason: dto.reason };
}
