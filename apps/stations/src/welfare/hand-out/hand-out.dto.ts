import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { OCCUPATIONS, WELFARE_OCCASION_LABELS, WELFARE_OCCASIONS } from '@ws/contracts';
import type { Occupation, WelfareOccasion } from '@ws/contracts';
import { describeCodes, OCCUPATION_LABELS } from '../../catalogue/labels';
import { DAY } from '../../activity/plan-activity/plan-activity.dto';
import { type Looked, WelfareVenueDto } from '../welfare.dto';
import { MEMBER_CARDS_MAX } from '../welfare.rules';
import type { HandOut } from './hand-out.command';

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

/** `membersReached`: how many cards were shown (the cards go to the vault, never into the command). */
export function toHandOut(handoutId: string, dto: HandOutDto, membersReached: number): Omit<HandOut, Looked> {
  const { occasion, kind, quantity, peopleReached, costFen, handedOn } = dto;
  return {
    type: 'HandOut', handoutId, stationId: dto.stationId ?? null, streetCode: dto.streetCode ?? null, occasion, kind, quantity, peopleReached,
    newFormPeople: dto.newFormPeople ?? 0, occupations: (dto.occupations ?? []).map(({ occupation, people }) => ({ occupation, people })),
    costFen, fromStock: dto.fromStock ?? true, handedOn, membersReached,
  };
}
