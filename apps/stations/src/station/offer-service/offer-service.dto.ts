import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, ValidateNested } from 'class-validator';
import { SERVICE_CODES } from '@ws/contracts';
import type { ServiceCode } from '@ws/contracts';
import { describeCodes, SERVICE_LABELS } from '../../catalogue/labels';
import type { OfferService } from './offer-service.command';
import { ServiceScheduleDto, toServiceSchedule } from './service-schedule.dto';

export class OfferServiceDto {
  @ApiProperty({ enum: [...SERVICE_CODES], description: `服务项目：${describeCodes(SERVICE_LABELS)}` })
  @IsIn(SERVICE_CODES)
  service!: ServiceCode;

  @ApiProperty({ type: () => ServiceScheduleDto, description: '服务安排（再次提交则替换原安排）' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ServiceScheduleDto)
  schedule!: ServiceScheduleDto;
}

export function toOfferService(stationId: string, dto: OfferServiceDto): OfferService {
  return { type: 'OfferService', stationId, service: dto.service, schedule: toServiceSchedule(dto.schedule) };
}
