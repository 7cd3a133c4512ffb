import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Kysely, sql } from 'kysely';
import { Roles } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';

export class BalancesQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  unionId?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

@ApiTags('积分 points')
@ApiBearerAuth()
@Controller('points')
@Roles('province_officer', 'city_officer', 'district_officer', 'street_officer')
export class PointsBalancesController {
  constructor(@Inject(DB) private readonly db: Kysely<MembershipDatabase>) {}

  @Get('balances')
  @ApiOperation({ summary: '积分余额（高到低）与合计' })
  async balances(@Query() query: BalancesQueryDto) {
    const rows = await this.db
      .selectFrom('points_balances as p')
      .innerJoin('members as m', 'm.membership_id', 'p.membership_id')
      .select(['p.membership_id as membershipId', 'm.card_number as cardNumber', 'm.union_id as unionId', 'p.balance', 'p.credited', 'p.debited', 'p.updated_at as updatedAt'])
      .$if(Boolean(query.unionId), (q) => q.where('m.union_id', '=', query.unionId!))
      .orderBy('p.balance', 'desc')
      .limit(query.limit ?? 50)
      .execute();
    const { rows: totals } = await sql<{ members: number; balance: number; credited: number; debited: number }>`
      select count(*)::int as members, coalesce(sum(balance), 0)::int as balance, coalesce(sum(credited), 0)::int as credited,
             coalesce(sum(debited), 0)::int as debited
      from points_balances`.execute(this.db);
    return { totals: totals[0], items: rows };
  }
}
