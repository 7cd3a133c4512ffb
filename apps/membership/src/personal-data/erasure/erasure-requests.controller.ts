import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Kysely, sql } from 'kysely';
import { authorize, CurrentPrincipal, isUuid, type Principal, Roles, uuidParam } from '@ws/kernel';
import { DB, decodeCursor, DEFAULT_PAGE_SIZE, exactTimeText, page, PageQueryDto } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';
import { maskCardNumber } from '../../read-models/redemptions/shop-redemptions.controller';
import { ErasureRequestsHandler } from './erasure-requests.handler';
import { MAX_REFUSAL_REASON } from './person.decider';

export const ERASURE_STATUSES = ['requested', 'refused', 'erased'] as const;
/** Who may read the erasure requests: the union officers of the node and above (ids and masked card numbers only). */
export const ERASURE_LIST_ROLES = ['province_officer', 'city_officer', 'district_officer'] as const;

export class RequestErasureDto {
  @ApiProperty({ description: '申请编号（UUID）：同一编号重复提交只登记一次' }) @IsUUID('all', { message: '申请编号无效' })
  requestId!: string;
}

export class RefuseErasureDto {
  @ApiProperty({ description: '不予注销的理由（告知本人；不得含手机号、身份证号）', maxLength: MAX_REFUSAL_REASON })
  @IsString({ message: '请填写理由' }) @MaxLength(MAX_REFUSAL_REASON, { message: `理由不能超过 ${MAX_REFUSAL_REASON} 字` })
  reason!: string;
}

export class ErasureListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ERASURE_STATUSES }) @IsOptional() @IsIn(ERASURE_STATUSES, { message: '状态无效' })
  status?: (typeof ERASURE_STATUSES)[number];

  @ApiPropertyOptional({ description: '只看某下级节点的申请', example: '330802' }) @IsOptional() @Matches(/^\w{2,12}$/, { message: '节点代码无效' })
  nodeCode?: string;
}

@ApiTags('个人信息 personal data')
@ApiBearerAuth()
@Controller()
export class ErasureRequestsController {
  constructor(
    private readonly handler: ErasureRequestsHandler,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
  ) {}

  @Post('persons/:personId/erasure-requests')
  @HttpCode(200)
  @Roles('district_officer')
  @ApiOperation({ summary: '登记注销个人信息申请（本人到工会提出）' })
  request(@Param('personId', uuidParam('personId')) personId: string, @Body() dto: RequestErasureDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.request(personId, dto.requestId, principal);
  }

  @Post('persons/:personId/erasure-requests/:requestId/refusal')
  @HttpCode(200)
  @Roles('district_officer')
  @ApiOperation({ summary: '不予注销：附理由（注销本身用 POST /persons/{personId}/erasure，办结申请）' })
  refuse(
    @Param('personId', uuidParam('personId')) personId: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Body() dto: RefuseErasureDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.handler.refuse(personId, requestId, dto.reason, principal);
  }

  @Get('erasure-requests')
  @Roles(...ERASURE_LIST_ROLES)
  @ApiOperation({ summary: '注销申请：待处理、已注销、不予注销（附理由）；受理人与时间；最近的在前，分页：{ items, next }' })
  async list(@Query() query: ErasureListQueryDto, @CurrentPrincipal() principal: Principal) {
    authorize(principal, { roles: ERASURE_LIST_ROLES, ...(query.nodeCode ? { node: query.nodeCode } : {}), field: 'nodeCode' });
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid);
    const rows = await this.db
      .selectFrom('erasure_requests as e')
      // The card number of the person's latest membership here, masked (no name: it may be erased).
      .leftJoinLateral(
        (eb) => eb.selectFrom('members as m').select('m.card_number').whereRef('m.person_id', '=', 'e.person_id').orderBy('m.activated_at', 'desc').limit(1).as('m'),
        (join) => join.onTrue(),
      )
      .select(['e.request_id', 'e.person_id', 'e.node_code', 'e.status', 'e.requested_at', 'e.requested_by', 'e.handled_at', 'e.handled_by', 'e.reason', 'm.card_number'])
      // The cursor carries requested_at to the microsecond: requests of one millisecond are neither skipped nor repeated.
      .select(exactTimeText('e.requested_at').as('cursor_at'))
      .$if(Boolean(query.status), (qb) => qb.where('e.status', '=', query.status!))
      .$if(Boolean(query.nodeCode), (qb) => qb.where('e.node_code', 'like', `${query.nodeCode}%`))
      .$if(after !== null, (qb) => qb.where(sql<boolean>`(e.requested_at, e.request_id) < (${after!.at}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('e.requested_at', 'desc')
      .orderBy('e.request_id', 'desc')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (row) => ({ at: row.cursor_at, id: row.request_id }));
    return {
      items: result.items.map((r) => ({
        requestId: r.request_id,
        personId: r.person_id,
        nodeCode: r.node_code,
        cardNumber: maskCardNumber(r.card_number),
        status: r.status,
        requestedAt: new Date(r.requested_at).toISOString(),
        requestedBy: r.requested_by,
        handledAt: r.handled_at ? new Date(r.handled_at).toISOString() : null,
        handledBy: r.handled_by,
        reason: r.reason,
      })),
      next: result.next,
    };
  }
}
