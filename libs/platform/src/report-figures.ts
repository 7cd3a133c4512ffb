import { Controller, Get, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { reportFiguresSubject, reportRangeRefusal, RESPONDER_QUEUE } from '@ws/contracts';
import type { ReportFigureService, ReportFiguresByService, ReportFiguresReply, ReportFiguresRequest } from '@ws/contracts';
import { authorize, CurrentPrincipal, DomainError, Roles, type Principal, type Role, kernelError } from '@ws/kernel';
import { serveRequests, type BusConnection, type Responder } from '@ws/messaging';
import type { PlatformConfig } from './platform-config';
import { NATS, PLATFORM_CONFIG } from './tokens';

/** A service's own figures for the node's report: counted from its read models over the whole subtree. */
export interface ReportFiguresSource<S extends ReportFigureService = ReportFigureService> {
  readonly service: S;
  /** byChild: also per direct child of the node, where the source counts so (membership; the others ignore it). */
  figures(node: string, from: string, to: string, options?: { byChild?: boolean }): Promise<ReportFiguresByService[S]>;
}

export const REPORT_FIGURES_SOURCE = Symbol('REPORT_FIGURES_SOURCE');

/** The officers a report is for (the stations report asks with the same roles). */
export const REPORT_OFFICERS: Role[] = ['province_officer', 'city_officer', 'district_officer'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class ReportFiguresQueryDto {
  @ApiProperty({ description: '起始日期（含）YYYY-MM-DD，北京时间', example: '2026-01-01' }) @Matches(DAY, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ description: '结束日期（含）YYYY-MM-DD', example: '2026-12-31' }) @Matches(DAY, { message: 'to must be YYYY-MM-DD' })
  to!: string;
}

/** The period checked, then the source's figures for the served node's subtree. */
async function answer<S extends ReportFigureService>(source: ReportFiguresSource<S>, node: string, request: Partial<ReportFiguresRequest>) {
  const refusal = reportRangeRefusal(request);
  if (refusal) throw kernelError('validation_failed', refusal.message, refusal.field);
  const { from, to, byChild } = request as ReportFiguresRequest;
  return { node, from, to, figures: await source.figures(node, from, to, { byChild: byChild === true }) };
}

/** GET /report-figures: what this service puts into the node's report, for officers of the node or above. */
@ApiTags('报表 reports')
@ApiBearerAuth()
@Controller('report-figures')
export class ReportFiguresController {
  constructor(
    @Inject(REPORT_FIGURES_SOURCE) private readonly source: ReportFiguresSource,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Get() @Roles(...REPORT_OFFICERS)
  @ApiOperation({ summary: '本服务为报表提供的期间数字（本节点及下级）：入会人数、心愿受理与办结、志愿服务时长' })
  figures(@Query() query: ReportFiguresQueryDto, @CurrentPrincipal() principal: Principal) {
    authorize(principal, { roles: REPORT_OFFICERS, node: this.config.node.code });
    return answer(this.source, this.config.node.code, query);
  }
}

/**
 * Answers the stations service's request for this service's figures on
 * `report.<node>.<service>.figures`, in the responders' queue group (one process of several answers).
 */
@Injectable()
export class ReportFiguresResponder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ReportFiguresResponder');
  private responder: Responder | null = null;

  constructor(
    @Inject(NATS) private readonly nc: BusConnection,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(REPORT_FIGURES_SOURCE) private readonly source: ReportFiguresSource,
  ) {}

  onApplicationBootstrap(): void {
    const node = this.config.node.code;
    this.responder = serveRequests<Partial<ReportFiguresRequest>, ReportFiguresReply<ReportFigureService>>(
      this.nc,
      reportFiguresSubject(node, this.source.service),
      async (request) => {
        try {
          return await answer(this.source, node, request);
        } catch (error) {
          if (error instanceof DomainError) return { error: { code: error.code, message: error.message, field: error.field ?? '' } };
          throw error;
        }
      },
      { queue: RESPONDER_QUEUE, onError: (error) => this.log.error(`report figures not answered: ${(error as Error).message}`) },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.responder?.stop();
  }
}
