import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Matches } from 'class-validator';
import { DAY } from '../../activity/plan-activity/plan-activity.dto';
import { STREET_CODE } from '../../station/station.rules';
import type { DeliveryRequest } from './record-delivery.handler';

export class RecordDeliveryDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: '服务驿站；街道组织时不填' }) @IsOptional() @IsUUID()
  stationId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '街道（乡镇）代码，9位；在驿站时取驿站所在街道' }) @IsOptional() @Matches(STREET_CODE, { message: 'streetCode must be 9 digits' })
  streetCode?: string | null;

  @ApiProperty({ example: '2026-07-15' }) @Matches(DAY, { message: 'deliveredOn must be YYYY-MM-DD' })
  deliveredOn!: string;

  @ApiProperty({ description: '服务人次（不记姓名）', example: 120 }) @IsInt()
  people!: number;

  @ApiPropertyOptional({ description: '其中新就业形态劳动者人次', example: 40, default: 0 }) @IsOptional() @IsInt()
  newFormPeople?: number;

  @ApiPropertyOptional({ description: '使用场次/名额', example: 1, default: 1 }) @IsOptional() @IsInt()
  places?: number;
}

export function toRecordDelivery(programmeId: string, deliveryId: string, dto: RecordDeliveryDto): DeliveryRequest {
  return {
    type: 'RecordDelivery', programmeId, deliveryId, stationId: dto.stationId ?? null, streetCode: dto.streetCode ?? null,
    deliveredOn: dto.deliveredOn, people: dto.people, newFormPeople: dto.newFormPeople ?? 0, places: dto.places ?? 1,
  };
}
