import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { OCCUPATIONS, WELFARE_KIND_LABELS, WELFARE_KINDS, WELFARE_OCCASION_LABELS, WELFARE_OCCASIONS } from '@ws/contracts';
import type { Occupation, WelfareKind, WelfareOccasion } from '@ws/contracts';
import { describeCodes, OCCUPATION_LABELS } from '../catalogue/labels';
import { DAY } from '../activity/plan-activity/plan-activity.dto';
import { NAME_MAX, STREET_CODE } from '../station/station.rules';
import { NOT_BLANK } from '../station/shared/dto-decorators';
import type { HandOut } from './hand-out/hand-out.command';
import type { ReceiveStock } from './receive-stock/receive-stock.command';
import { MEMBER_CARDS_MAX } from './welfare.rules';

/** Where: a station, or a street without a station. */
class WelfareVenueDto {
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

export class ReceiveStockDto extends WelfareVenueDto {
  @ApiProperty({ description: '入库日期 YYYY-MM-DD（不晚于今天）', example: '2026-07-01' })
  @Matches(DAY, { message: 'receivedOn must be YYYY-MM-DD' })
  receivedOn!: string;

  @ApiProperty({ maxLength: NAME_MAX, description: '来源（采购单位或捐赠单位，不填个人）', example: '吴兴区总工会采购' })
  @IsString() @MaxLength(NAME_MAX) @Matches(NOT_BLANK, { message: 'source must not be blank' })
  source!: string;
}

export class OccupationCountDto {
  @ApiProperty({ enum: [...OCCUPATIONS], description: `职业：${describeCodes(OCCUPATION_LABELS)}` })
  @IsIn(OCCUPATIONS)
  occupation!: Occupation;

  @ApiProperty({ example: 120 })
  @IsInt()
  people!: number;
}

export class HandOutDto extends WelfareVenueDto {
  @ApiProperty({ enum: [...WELFARE_OCCASIONS], description: `慰问类型：${describeCodes(WELFARE_OCCASION_LABELS)}` })
  @IsIn(WELFARE_OCCASIONS)
  occasion!: WelfareOccasion;

  @ApiProperty({ description: '受惠人数（不记姓名）', example: 180 })
  @IsInt()
  peopleReached!: number;

  @ApiPropertyOptional({ description: '其中新就业形态劳动者人数', example: 150, default: 0 })
  @IsOptional() @IsInt()
  newFormPeople?: number;

  @ApiPropertyOptional({ type: [OccupationCountDto], description: '按职业的人数（可选，合计不多于受惠人数）' })
  @IsOptional() @IsArray() @ArrayMaxSize(OCCUPATIONS.length) @ValidateNested({ each: true }) @Type(() => OccupationCountDto)
  occupations?: OccupationCountDto[];

  @ApiPropertyOptional({ description: '从库存发放（默认是）；当天采购或自制（如现包饺子）填 false', default: true })
  @IsOptional() @IsBoolean()
  fromStock?: boolean;

  @ApiProperty({ description: '发放日期 YYYY-MM-DD（不晚于今天）', example: '2026-07-15' })
  @Matches(DAY, { message: 'handedOn must be YYYY-MM-DD' })
  handedOn!: string;

  @ApiPropertyOptional({
    type: [String], maxItems: MEMBER_CARDS_MAX,
    description: `出示的会员卡号（可选，每张 6–20 位字母或数字，不多于受惠人数，最多 ${MEMBER_CARDS_MAX} 张）：只计张数，卡号加密存于本节点，不进入事件和日志`,
  })
  @IsOptional() @IsArray() @ArrayMaxSize(MEMBER_CARDS_MAX) @IsString({ each: true }) @MaxLength(30, { each: true })
  memberCards?: string[];
}

type Looked = 'nodeCode' | 'station';

export function toReceiveStock(receiptId: string, dto: ReceiveStockDto): Omit<ReceiveStock, Looked> {
  const { kind, quantity, costFen, receivedOn, source } = dto;
  return { type: 'ReceiveStock', receiptId, stationId: dto.stationId ?? null, streetCode: dto.streetCode ?? null, kind, quantity, costFen, receivedOn, source };
}

/** `membersReached`: how many cards were shown (the cards go to the vault, never into the command). */
export function toHandOut(handoutId: string, dto: HandOutDto, membersReached: number): Omit<HandOut, Looked> {
  const { occasion, kind, quantity, peopleReached, costFen, handedOn } = dto;
  return {
    type: 'HandOut', handoutId, stationId: dto.stationId ?? null, streetCode: dto.streetCode ?? null, occasion, kind, quantity, peopleReached,
    newFormPeople: dto.newFormPeople ?? 0, occupations: (dto.occupations ?? []).map(({ occupation, people }) => ({ occupation, people })),
    costFen, fromStock: dto.fromStock ?? true, handedOn, membersReached,
  };
}
