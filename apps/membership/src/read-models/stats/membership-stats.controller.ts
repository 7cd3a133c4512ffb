import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Kysely } from 'kysely';
import { CLOCK, type Clock, Public } from '@ws/kernel';
import { DB, PLATFORM_CONFIG, type PlatformConfig, subtreeNode } from '@ws/platform';
import type { MembershipDatabase } from '../../db/database';
import { NODE_CODE } from '../../union/manage-unions/manage-unions.dto';
import { membershipStats } from './membership-stats.query';

/**
 * `?node=` as the platform's SubtreeQueryDto, but nodes only: membership's counts are kept per
 * node (member_counts, points_totals), so a street code would be answered with zeros.
 */
export class MembershipStatsQueryDto {
  @ApiPropertyOptional({ description: '只统计本节点之下的某个节点（缺省为本节点整个辖区）', example: '330802' })
  @IsOptional() @Matches(NODE_CODE)
  node?: string;
}

/**
 * The dashboard's membership figures for this node's subtree (counts only, nothing personal:
 * public like the other dashboard sources).
 */
@ApiTags('统计 stats')
@Controller('stats')
export class MembershipStatsController {
  constructor(
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: '入会统计（本节点辖区）：会员总数、本月新入会、待审批申请、工会组织、联合工会、转会办理中、积分余额合计，及按职业、月份、工会、下级节点的分布',
    description: '{ node, asOf, figures: [{ key, label, value }], byOccupation, byMonth, byUnion, byNode }，各分布同为 [{ key, label, value }]。',
  })
  async stats(@Query() query: MembershipStatsQueryDto) {
    const node = subtreeNode(query.node, this.config.node.code);
    const now = this.clock.now();
    return { node, asOf: now.toISOString(), ...(await membershipStats(this.db, node, now)) };
  }
}
