import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches } from 'class-validator';
import { WELFARE_KIND_LABELS, WELFARE_KINDS } from '@ws/contracts';
import type { WelfareKind } from '@ws/contracts';
import { describeCodes } from '../catalogue/labels';
import { STREET_CODE } from '../station/station.rules';

/** Where: a station, or a street without a station. */
export class WelfareVenueDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: '驿站；街道直接发放时不填' })
  @IsOptional() @IsUUID()
  stationId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: '街道（乡镇）代码，9位；在驿站时取驿站所在街道', example: '330802003' })
  @IsOptional() @Matches(STREET_CODE, { message: 'streetCode must be 9 digits' })
  streetCode?: string | null;

  @ApiProperty({ enum: [...WELFARE_KINDS], description: `物资类型：${describeCodes(WELFARE_KIND_LABELS)}` })
  @IsIn(WELFARE_KINDS)
  kind!: WelfareKind;

  @ApiProperty({ description: '数量（份）', example: 200 })
  @IsInt()
  quantity!: number;

  @ApiProperty({ description: '金额（分，整数）', example: 1_000_000 })
  @IsInt()
  costFen!: number;
}

/** What the handler reads itself (WelfareCommands): the node, and the station from its stream. */
export type Looked = 'nodeCode' | 'station';
