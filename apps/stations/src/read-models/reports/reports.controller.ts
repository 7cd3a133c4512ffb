import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { Kysely } from 'kysely';
import { authorize, CurrentPrincipal, Roles, type Principal, type Role } from '@ws/kernel';
import { DB, PLATFORM_CONFIG, type PlatformConfig, REPORT_OFFICERS } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { reportPdf, reportXlsx } from './report-exports';
import { REPORT_KINDS, reportPeriod, type ReportKind } from './report-period';
import { ReportSources } from './report-sources';
import { stationsReport } from './report.query';

const OFFICERS: Role[] = REPORT_OFFICERS;

export class ReportQueryDto {
  @ApiProperty({ enum: REPORT_KINDS, description: '年报、季报或月报' }) @IsIn(REPORT_KINDS)
  kind!: ReportKind;

  @ApiProperty({ description: '期间：年 2026，季 2026-Q2，月 2026-03' }) @IsString() @MaxLength(10)
  period!: string;
}

/** 年度报表 / 民生实事: the node's figures for a month, quarter or year, as JSON, Excel and PDF with the same numbers. */
@ApiTags('报表 reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    private readonly sources: ReportSources,
  ) {}

  @Get('reports') @Roles(...OFFICERS)
  @ApiOperation({ summary: '本节点及下级的报表数字：驿站（层级、类型、新建）、服务人次、活动、关爱物资、新入会、微心愿、志愿服务时长、零工之家（未取得的服务列于 unavailable）' })
  json(@Query() query: ReportQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.report(query, principal);
  }

  @Get('reports.xlsx') @Roles(...OFFICERS)
  @ApiOperation({ summary: '报表 Excel（与 JSON 同数）' })
  async xlsx(@Query() query: ReportQueryDto, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    const report = await this.report(query, principal);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="report-${report.node.code}-${report.period}.xlsx"`)
      .header('cache-control', 'private, no-store')
      .send(await reportXlsx(report));
  }

  @Get('reports.pdf') @Roles(...OFFICERS)
  @ApiOperation({ summary: '报表 PDF（A4，与 JSON 同数）' })
  async pdf(@Query() query: ReportQueryDto, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    const report = await this.report(query, principal);
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="report-${report.node.code}-${report.period}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(await reportPdf(report));
  }

  private report(query: ReportQueryDto, principal: Principal) {
    const node = this.platform.node;
    authorize(principal, { roles: OFFICERS, node: node.code });
    return stationsReport(this.db, { code: node.code, name: node.name }, reportPeriod(query.kind, query.period), (period) => this.sources.figures(period));
  }
}
