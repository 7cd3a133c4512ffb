import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Kysely, sql } from 'kysely';
import { MEMBER_OCCUPATIONS, UNION_KINDS } from '@ws/contracts';
import { isUuid, Public, uuidParam } from '@ws/kernel';
import { DB, decodeCursor, DEFAULT_PAGE_SIZE, exactTimeText, page, PageQueryDto } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';
import { buildUnionTree } from './union-tree';
import { membershipError } from '../../membership.errors';

export class UnionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: UNION_KINDS }) @IsOptional() @IsIn(UNION_KINDS)
  kind?: string;

  @ApiPropertyOptional({ enum: MEMBER_OCCUPATIONS, description: '只列出覆盖该职业的工会（入会时选择工会用）' })
  @IsOptional() @IsIn(MEMBER_OCCUPATIONS)
  occupation?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^\w{9}$/)
  streetCode?: string;

  @ApiPropertyOptional({ enum: ['active', 'merged', 'dissolved'], default: 'active' }) @IsOptional() @IsIn(['active', 'merged', 'dissolved'])
  status?: 'active' | 'merged' | 'dissolved';
}

/** Current members (active and suspended) of the union aliased `u`. */
const currentMembers = () => sql<number>`(select count(*)::int from members m where m.union_id = u.union_id and m.status in ('active', 'suspended'))`.as('members');

/**
 * The list's order is (node, creation time, id); a cursor's `at` carries the first two as
 * `<node>/<creation time to the microsecond>`: a creation time cut to a JS Date's milliseconds
 * would skip or repeat unions created within the same millisecond.
 */
const UNION_CURSOR_AT = /^(\w{2,12})\/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)$/;
const unionCursorAt = sql<string>`u.node_code || '/' || ${exactTimeText('u.created_at')}`;

/** The union list (public: the join form offers it) with current member counts. */
@ApiTags('工会组织 unions')
@Controller('unions')
export class UnionsController {
  constructor(@Inject(DB) private readonly db: Kysely<MembershipDatabase>) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '工会列表（本节点及下级），含现有会员数；按节点与成立时间排序，按 next 翻页' })
  async list(@Query() query: UnionListQueryDto) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.after, isUuid, (at) => UNION_CURSOR_AT.test(at));
    const [, afterNode, afterCreated] = after ? UNION_CURSOR_AT.exec(after.at)! : [];
    const rows = await this.db
      .selectFrom('unions as u')
      .select([
        'u.union_id as unionId', 'u.name', 'u.kind', 'u.parent_union_id as parentUnionId', 'u.parent_node_code as parentNodeCode',
        'u.node_code as nodeCode', 'u.street_code as streetCode', 'u.occupations', 'u.status', 'u.merged_into as mergedInto',
        currentMembers(), unionCursorAt.as('cursorAt'),
      ])
      .where('u.status', '=', query.status ?? 'active')
      .$if(Boolean(query.kind), (q) => q.where('u.kind', '=', query.kind!))
      .$if(Boolean(query.streetCode), (q) => q.where('u.street_code', '=', query.streetCode!))
      .$if(Boolean(query.occupation), (q) => q.where(sql<boolean>`${query.occupation} = any(u.occupations)`))
      .$if(after !== null, (q) => q.where(sql<boolean>`(u.node_code, u.created_at, u.union_id) > (${afterNode}, ${afterCreated}::timestamptz, ${after!.id}::uuid)`))
      .orderBy('u.node_code')
      .orderBy('u.created_at')
      .orderBy('u.union_id')
      .limit(limit + 1)
      .execute();
    const result = page(rows, limit, (row) => ({ at: row.cursorAt, id: row.unionId }));
    return { items: result.items.map(({ cursorAt: _, ...union }) => union), next: result.next };
  }

  @Get('tree')
  @Public()
  @ApiOperation({
    summary: '工会组织树（本节点及下级节点）：总工会、街道（乡镇）、企业、行业、联合工会，含各级会员数',
    description: '区县的总工会可隶属于市总工会（另一节点）：在市、省节点上整棵树是完整的。',
  })
  async tree() {
    const rows = await this.db
      .selectFrom('unions as u')
      .select([
        'u.union_id as unionId', 'u.name', 'u.kind', 'u.parent_union_id as parentUnionId', 'u.node_code as nodeCode', 'u.street_code as streetCode',
        currentMembers(),
      ])
      .where('u.status', '=', 'active')
      .execute();
    return buildUnionTree(rows);
  }

  @Get(':unionId')
  @Public()
  @ApiOperation({ summary: '工会详情' })
  async detail(@Param('unionId', uuidParam('unionId')) unionId: string) {
    const union = await this.db.selectFrom('unions').selectAll().where('union_id', '=', unionId).executeTakeFirst();
    if (!union) throw membershipError('union_not_found', '工会不存在');
    const children = await this.db.selectFrom('unions').select(['union_id', 'name', 'status']).where('parent_union_id', '=', unionId).execute();
    return { ...union, children };
  }
}
