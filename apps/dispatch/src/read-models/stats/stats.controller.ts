import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import { CLOCK, Public } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB, PLATFORM_CONFIG, SubtreeQueryDto, subtreeNode } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { DispatchDatabase } from '../../db/database';
import { dispatchStats } from './dispatch-stats.query';

/** Counts only (no names, no ids): public, for the dashboards of this node and above. */
@ApiTags('统计 stats')
@Controller('stats')
export class StatsController {
  constructor(
    @Inject(DB) private readonly db: Kysely<DispatchDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '派单统计：在册志愿者、本月服务时长、进行中派单，及按状态、志愿者类型、月份的分布（本节点及下级）' })
  stats(@Query() query: SubtreeQueryDto) {
    return dispatchStats(this.db, subtreeNode(query.node, this.platform.node.code), this.clock.now());
  }
}
