import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Kysely } from 'kysely';
import { CLOCK, type Clock, Roles } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';
import { ageHours } from '../age';

const TRANSFER_STATUSES = ['requested', 'accepted', 'completed', 'declined', 'cancelled'] as const;
type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export class TransfersQueryDto {
  @ApiPropertyOptional({ enum: TRANSFER_STATUSES, isArray: true, description: '缺省为在途（requested, accepted）' })
  @IsOptional() @IsIn(TRANSFER_STATUSES, { each: true })
  status?: TransferStatus | TransferStatus[];
}

@ApiTags('转会 transfers')
@ApiBearerAuth()
@Controller('transfers')
@Roles('province_officer', 'city_officer', 'district_officer', 'street_officer')
export class TransfersController {
  constructor(
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: '转会：在途（缺省）、已完成或被拒，含等待小时数' })
  async list(@Query() query: TransfersQueryDto) {
    const rows = await this.db
      .selectFrom('transfers')
      .selectAll()
      .where('status', 'in', query.status === undefined ? ['requested', 'accepted'] : [query.status].flat())
      .orderBy('requested_at')
      .limit(500)
      .execute();
    const now = this.clock.now();
    return rows.map((r) => ({ ...r, age_hours: ageHours(now, r.requested_at) }));
  }
}
