import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { DAY } from '../../activity/plan-activity/plan-activity.dto';
import { NAME_MAX } from '../../station/station.rules';
import { NOT_BLANK } from '../../station/shared/dto-decorators';
import { type Looked, WelfareVenueDto } from '../welfare.dto';
import type { ReceiveStock } from './receive-stock.command';

export class ReceiveStockDto extends WelfareVenueDto {
  @ApiProperty({ description: '入库日期 YYYY-MM-DD（不晚于今天）', example: '2026-07-01' })
  @Matches(DAY, { message: 'receivedOn must be YYYY-MM-DD' })
  receivedOn!: string;

  @ApiProperty({ maxLength: NAME_MAX, description: '来源（采购单位或捐赠单位，不填个人）', example: '吴兴区总工会采购' })
  @IsString() @MaxLength(NAME_MAX) @Matches(NOT_BLANK, { message: 'source must not be blank' })
  source!: string;
}

export function toReceiveStock(receiptId: string, dto: ReceiveStockDto): Omit<ReceiveStock, Looked> {
  const { kind, quantity, costFen, receivedOn, source } = dto;
  return { type: 'ReceiveStock', receiptId, stationId: dto.stationId ?? null, streetCode: dto.streetCode ?? null, kind, quantity, costFen, receivedOn, source };
}

