import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Kysely, sql } from 'kysely';
import { CLOCK, type Clock, isUuid, Roles } from '@ws/kernel';
import { DB, decodeCursor, DEFAULT_PAGE_SIZE, exactTimeText, page, PageQueryDto } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';
import { ageHours } from '../age';

const TRANSFER_STATUSES = ['requested', 'accepted', 'completed', 'declined', 'cancelled'] as const;
type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export class TransfersQueryDto extends PageQueryDto {
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
  @ApiOperation({ summary: '转会：在途（缺省）、已完成或被拒，含等待小时数；先提出的在前，按 next 翻页' })
  async list(@Query() query: TransfersQueryDto) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('transfers')
      .selectAll()
      // The cursor carries requested_at to the microsecond: transfers of one millisecond are neither skipped nor repeated.
      .select(exactTimeText('requested_at').as('cursor_at'))
      .where('status', 'in', query.status === undefined ? ['requested', 'accepted'] : [query.status].flat())
      .$if(after !== null, (q) => q.where(sql<boolean>`(requested_at, transfer_id) > (${after!.at}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('requested_at')
      .orderBy('transfer_id')
      .limit(limit + 1)
      .execute();
    const now = this.clock.now();
    const { items, next } = page(rows, limit, (r) => ({ at: r.cursor_at, id: r.transfer_id }));
    return {
      items: items.map((r) => ({
        transferId: r.transfer_id,
        membershipId: r.membership_id,
        fromUnionId: r.from_union_id,
        toUnionId: r.to_union_id,
        fromNode: r.from_node,
        toNode: r.to_node,
        status: r.status,
        requestedAt: new Date(r.requested_at).toISOString(),
        settledAt: r.settled_at === null ? null : new Date(r.settled_at).toISOString(),
        ageHours: ageHours(now, r.requested_at),
      })),
      next,
    };
  }
}
