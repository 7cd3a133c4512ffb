import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import { shanghaiToday } from '@ws/contracts';
import { CLOCK, Public, uuidParam, type Clock } from '@ws/kernel';
import { DB, PageQueryDto, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { stationsError } from '../../errors';
import { childCoverage } from '../coverage/child-coverage';
import type { ChildCoverageRow } from '../coverage/coverage';
import { StationLocator } from '../nearest/station-locator.service';
import { ReportSources } from '../reports/report-sources';
import { issuedDirective, issuedDirectives, receivedDirectives, type DirectiveSources } from './directives.query';

/**
 * Directives as read: the issuer's list with progress (public like the other figures: counts of
 * stations, no person, what the dashboards show), and the directives this node received (public
 * too: the issuer's list shows them already).
 */
@ApiTags('指令 directives')
@Controller('directives')
export class DirectivesController {
  constructor(
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reportSources: ReportSources,
    private readonly locator: StationLocator,
  ) {}

  /**
   * A members target's new members, asked of the node's membership service; a coverage target's
   * coverage per district, computed once per request however many coverage targets the page holds.
   */
  private sources(): DirectiveSources {
    let coverage: Promise<ChildCoverageRow[]> | undefined;
    return {
      membersJoinedByChild: (from, to) => this.reportSources.membersJoinedByChild(from, to),
      coverageByDistrict: () => (coverage ??= childCoverage(this.db, this.locator.index, { by: 'district', mode: 'ebike', at: this.clock.now() }).then((report) => report.rows)),
    };
  }

  @Get()
  @Public()
  @ApiOperation({ summary: '本节点下达的指令及完成进度（目标、当前、进度、签收情况、各下级），最新的在前，分页：{ items, next }' })
  list(@Query() query: PageQueryDto) {
    return issuedDirectives(this.db, this.config.node, shanghaiToday(this.clock.now()), this.sources(), query);
  }

  // Public like the issuer's list it mirrors: the parent shows the same directive to anyone, and a
  // district's dashboard (no login) shows what it was told to do and whether it has signed.
  @Get('received')
  @Public()
  @ApiOperation({ summary: '上级下达给本节点的指令及签收情况' })
  async received() {
    return { items: await receivedDirectives(this.db, this.config.node, shanghaiToday(this.clock.now())) };
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: '本节点下达的一条指令：进度、各下级及全部经过' })
  async detail(@Param('id', uuidParam()) id: string) {
    const directive = await issuedDirective(this.db, this.config.node, id, shanghaiToday(this.clock.now()), this.sources());
    if (!directive) throw stationsError('directive_not_found', `本节点没有下达编号为 ${id} 的指令`, 'id');
    return directive;
  }
}
