import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { Kysely } from 'kysely';
import { MEMBER_OCCUPATIONS, type MemberOccupation } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';
import { STREET_CODE } from '../manage-unions/manage-unions.dto';
import { suggestUnion } from '../union-registry';
import { membershipError } from '../../membership.errors';

export class SuggestUnionQueryDto {
  @ApiProperty({ enum: MEMBER_OCCUPATIONS }) @IsIn(MEMBER_OCCUPATIONS)
  occupation!: MemberOccupation;

  @ApiPropertyOptional({ example: '330802001', description: '工作或居住的街道' }) @IsOptional() @Matches(STREET_CODE)
  streetCode?: string;
}

/** What the join form proposes when the worker names no union: the same choice a submission without unionId makes. */
@ApiTags('工会组织 unions')
@Controller('unions')
export class SuggestUnionController {
  constructor(@Inject(DB) private readonly db: Kysely<MembershipDatabase>) {}

  @Get('suggestion')
  @Public()
  @ApiOperation({ summary: '按职业和街道推荐最合适的工会（本街道的行业/联合工会 → 全区的 → 街道工会 → 其他街道的）' })
  async suggest(@Query() query: SuggestUnionQueryDto) {
    const suggestion = await suggestUnion(this.db, query.occupation, query.streetCode ?? null);
    if (!suggestion) throw membershipError('no_union_suggested', '没有适合该职业和街道的工会，请选择工会', 'occupation');
    const union = await this.db
      .selectFrom('unions')
      .select(['name', 'kind', 'street_code as streetCode'])
      .where('union_id', '=', suggestion.unionId)
      .executeTakeFirst();
    return { unionId: suggestion.unionId, match: suggestion.match, name: union?.name ?? null, kind: union?.kind ?? null, streetCode: union?.streetCode ?? null };
  }
}
