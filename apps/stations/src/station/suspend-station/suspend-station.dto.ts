import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ISO_INSTANT } from '@ws/contracts';
import { REASON_MAX } from '../station.rules';
import { NOT_BLANK } from '../shared/dto-decorators';
import type { SuspendStation } from './suspend-station.command';

export class SuspendStationDto {
  @ApiProperty({ description: '暂停原因', maxLength: REASON_MAX, example: '场地装修' })
  @IsString()
  @MaxLength(REASON_MAX)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;

  @ApiPropertyOptional({ description: '预计恢复时间（ISO 8601，含时区）', example: '2026-07-01T08:00:00+08:00' })
  @IsOptional()
  @Matches(ISO_INSTANT, { message: 'until must be an ISO 8601 instant with a time zone' })
  until?: string;
}

export function toSuspendStation(stationId: string, dto: SuspendStationDto): SuspendStation {
  return { type: 'SuspendStation', stationId, reason: dto.reason, until: dto.until ?? null };
}
