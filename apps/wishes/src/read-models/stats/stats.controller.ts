import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import { CLOCK, Public } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB, PLATFORM_CONFIG, SubtreeQueryDto, subtreeNode } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';
import { wishStats } from './wish-stats.query';

/** Counts only (no wish text, no author): public, for the dashboards of this node and above. */
@ApiTags('统计 stats')
@Controller('stats')
export class StatsController {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '心愿统计：待处理、逾期、已完成、满意度、随手拍，及按状态、类别的分布（本节点及下级）' })
  stats(@Query() query: SubtreeQueryDto) {
    return wishStats(this.db, subtreeNode(query.node, this.platform.node.code), this.clock.now());
  }
}
