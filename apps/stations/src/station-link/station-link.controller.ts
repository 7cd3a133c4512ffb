import { noticeView } from '../read-models/directory/station-notice';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Kysely } from 'kysely';
import QRCode from 'qrcode';
import { OCCUPATION_LABELS, shanghaiDayAndHour, STATION_LINK_PARAM } from '@ws/contracts';
import type { FacilityCode, OpeningHours, ServiceCode, ServiceSchedule, StationKind } from '@ws/contracts';
import { CLOCK, CurrentPrincipal, Public, Role, Roles, uuidParam } from '@ws/kernel';
import type { Clock, Principal } from '@ws/kernel';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { FACILITY_LABELS, KIND_LABELS, SERVICE_LABELS } from '../catalogue/labels';
import type { StationsDatabase } from '../db/database';
import { stationsError } from '../errors';
import { visitsTotal } from '../read-models/visits/visits.query';
import { hoursText, openState, servicesToday } from './landing-card';
import { stationPoster } from './poster';
import { isValidStationLink, STATION_LINK_CONFIG, stationLinkUrl } from './station-link';
import type { StationLinkConfig } from './station-link';

const DEFAULT_PNG_SIZE = 600;
const PRINTERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];

/**
 * The station's code and its landing page (扫码打卡). The landing card is public but answers only
 * a link the node signed; the code itself (URL, PNG) only to who may print it for that station.
 */
@ApiTags('驿站码 station code')
@Controller('stations/:id')
export class StationLinkController {
  constructor(
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(STATION_LINK_CONFIG) private readonly link: StationLinkConfig,
  ) {}

  @Get('landing')
  @Public()
  @ApiQuery({ name: STATION_LINK_PARAM, description: '驿站码上的签名' })
  @ApiOperation({ summary: '扫码落地页：驿站名片（是否开放、设施、今日服务、公示、今日到访），只认本节点签发的驿站码' })
  async landing(@Param('id', uuidParam()) id: string, @Query(STATION_LINK_PARAM) signature: unknown) {
    if (!isValidStationLink(this.link.secret, this.platform.node.code, id, signature)) {
      throw stationsError('station_link_invalid', '这个驿站码无效：请扫描驿站张贴的二维码', STATION_LINK_PARAM);
    }
    const row = await this.db.selectFrom('station_directory').selectAll().where('id', '=', id).executeTakeFirst();
    // Signed but not (yet) in the directory: a code printed before the registration reached this read model.
    if (!row) throw stationsError('station_not_found', '驿站信息暂不可用，请稍后再试', 'id');
    const now = this.clock.now();
    const { day } = shanghaiDayAndHour(now);
    const visits = await visitsTotal(this.db, { from: day, to: day, stationId: id });
    return {
      id: row.id,
      name: row.name,
      kind: { code: row.kind, label: KIND_LABELS[row.kind as StationKind] ?? row.kind },
      address: row.address,
      location: { lng: row.lng, lat: row.lat },
      status: row.status,
      statusReason: row.status === 'active' ? null : row.status_reason,
      open: openState(row.hours as unknown as OpeningHours, row.status, now),
      facilities: (row.facilities as string[]).map((code) => ({ code, label: FACILITY_LABELS[code as FacilityCode] ?? code })),
      servicesToday: servicesToday(row.services as unknown as Array<{ service: string; schedule: ServiceSchedule }>, now).map((s) => ({
        ...s,
        label: SERVICE_LABELS[s.code as ServiceCode] ?? s.code,
      })),
      notice: await noticeView(this.db, row),
      today: { day, visits },
      occupations: Object.entries(OCCUPATION_LABELS).map(([code, label]) => ({ code, label })),
      streetCode: row.street_code,
    };
  }

  @Get('code')
  @Roles(...PRINTERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: '驿站码：落地页地址（含本节点签名），供打印二维码和海报' })
  async code(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest) {
    await this.assertMayPrint(id, principal);
    return { stationId: id, url: this.url(id, request) };
  }

  @Get('code.png')
  @Roles(...PRINTERS)
  @ApiBearerAuth()
  @ApiQuery({ name: 'size', required: false, description: '边长像素，100–1200，默认 600' })
  @ApiOperation({ summary: '驿站码二维码 PNG' })
  async png(
    @Param('id', uuidParam()) id: string,
    @Query('size') size: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const width = size === undefined ? DEFAULT_PNG_SIZE : Number(size);
    if (!Number.isInteger(width) || width < 100 || width > 1200) throw stationsError('validation_failed', 'size 须为 100–1200 的整数（像素）', 'size');
    await this.assertMayPrint(id, principal);
    const png = await QRCode.toBuffer(this.url(id, request), { type: 'png', errorCorrectionLevel: 'M', width, margin: 2 });
    void reply.header('content-type', 'image/png').header('content-disposition', `inline; filename="station-${id}.png"`).header('cache-control', 'private, no-store').send(png);
  }

  @Get('poster.pdf')
  @Roles(...PRINTERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: '驿站码海报 PDF（A4）：站名、二维码、开放时间、设施、服务，及公示：服务公约、管理人员、服务职工热线、进驻单位' })
  async poster(@Param('id', uuidParam()) id: string, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.assertMayPrint(id, principal);
    const row = await this.db.selectFrom('station_directory').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const notice = await noticeView(this.db, row);
    const pdf = await stationPoster({
      url: this.url(id, request),
      name: row.name,
      kind: KIND_LABELS[row.kind as StationKind] ?? row.kind,
      address: row.address,
      hours: notice.hours ?? hoursText(row.hours as unknown as OpeningHours),
      facilities: (row.facilities as string[]).map((code) => FACILITY_LABELS[code as FacilityCode] ?? code),
      services: (row.services as unknown as Array<{ service: string }>).map((s) => SERVICE_LABELS[s.service as ServiceCode] ?? s.service),
      noticeServices: notice.services,
      pledge: notice.pledge,
      managerName: notice.managerName,
      hotline: notice.hotline,
      partners: notice.partners.map((p) => `${p.name}（${p.label}）`),
      issuer: this.platform.node.name,
    });
    void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="station-${id}.pdf"`).header('cache-control', 'private, no-store').send(pdf);
  }

  private url(id: string, request: FastifyRequest): string {
    return stationLinkUrl(this.link.publicOrigin ?? requestOrigin(request), this.link.secret, this.platform.node.code, id);
  }

  /** Officers of the node or above (the guard checked the node), a street officer for the street, a manager for the station. */
  private async assertMayPrint(id: string, principal: Principal): Promise<void> {
    const row = await this.db.selectFrom('station_directory').select(['street_code']).where('id', '=', id).executeTakeFirst();
    if (!row) throw stationsError('station_not_found', '驿站不存在', 'id');
    if (principal.role === 'street_officer' && principal.street !== row.street_code) throw stationsError('out_of_scope', '只能打印本街道驿站的二维码');
    if (principal.role === 'station_manager' && principal.station !== id) throw stationsError('out_of_scope', '只能打印自己负责的驿站的二维码');
  }
}

/** The origin the page was opened at: the node web front sets x-forwarded-proto/-host; a direct call uses Host. */
export function requestOrigin(request: FastifyRequest): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  const proto = first(request.headers['x-forwarded-proto']) === 'https' ? 'https' : 'http';
  const host = first(request.headers['x-forwarded-host']) ?? request.headers.host ?? '127.0.0.1';
  return `${proto}://${host}`;
}
