import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, newId, Role, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { Kysely } from 'kysely';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../db/database';
import { measuredYear } from '../read-models/reviews/review-measures';
import { AssignManagerDto, toAssignManager } from './assign-manager/assign-manager.dto';
import { AwardHonourDto, toAwardHonour } from './award-honour/award-honour.dto';
import { ChangeFacilitiesDto, toChangeFacilities } from './change-facilities/change-facilities.dto';
import { CloseStationDto, toCloseStation } from './close-station/close-station.dto';
import { toCompleteUpgrade } from './complete-upgrade/complete-upgrade.dto';
import { OfferServiceDto, toOfferService } from './offer-service/offer-service.dto';
import { PlanUpgradeDto, toPlanUpgrade } from './plan-upgrade/plan-upgrade.dto';
import { RegisterStationDto, toRegisterStation } from './register-station/register-station.dto';
import { RelocateStationDto, toRelocateStation } from './relocate-station/relocate-station.dto';
import { toReopenStation } from './reopen-station/reopen-station.dto';
import { ReviewStationDto, toReviewStation } from './review-station/review-station.dto';
import { StationCommandHandler } from './station-command.handler';
import { ClassifyStationDto, toClassifyStation } from './classify-station/classify-station.dto';
import { PublishNoticeDto } from './publish-notice/publish-notice.dto';
import { SuspendStationDto, toSuspendStation } from './suspend-station/suspend-station.dto';
import { toUpdateStation, UpdateStationDto } from './update-station/update-station.dto';
import { toWithdrawService, WithdrawServiceDto } from './withdraw-service/withdraw-service.dto';

const OFFICERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer'];
const DISTRICT_AND_ABOVE: Role[] = ['province_officer', 'city_officer', 'district_officer'];
const OFFICERS_AND_MANAGER: Role[] = [...OFFICERS, 'station_manager'];

/**
 * The write side of a station over HTTP. Each route only maps its DTO to the use case's command
 * (built and decided in the use-case folder) and hands it to the one handler; `If-Match` carries
 * the version the client last saw.
 */
@ApiTags('驿站管理 stations')
@ApiBearerAuth()
@Controller('stations')
export class StationController {
  constructor(
    private readonly handler: StationCommandHandler,
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
  ) {}

  @Post()
  @Roles(...OFFICERS)
  @ApiOperation({ summary: '登记驿站' })
  register(@Body() dto: RegisterStationDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.execute(toRegisterStation(newId(), dto), principal, 0);
  }

  @Post(':id/update') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '修改驿站信息（名称、类型、营业时间、座位、电话）' })
  update(@Param('id', uuidParam()) id: string, @Body() dto: UpdateStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toUpdateStation(id, dto), p, v);
  }

  @Post(':id/relocate') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '迁址' })
  relocate(@Param('id', uuidParam()) id: string, @Body() dto: RelocateStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toRelocateStation(id, dto), p, v);
  }

  @Post(':id/suspend') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '暂停服务（原因、预计恢复时间）' })
  suspend(@Param('id', uuidParam()) id: string, @Body() dto: SuspendStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toSuspendStation(id, dto), p, v);
  }

  @Post(':id/reopen') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '恢复服务' })
  reopen(@Param('id', uuidParam()) id: string, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toReopenStation(id), p, v);
  }

  @Post(':id/close') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '关闭驿站（不可恢复）' })
  close(@Param('id', uuidParam()) id: string, @Body() dto: CloseStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toCloseStation(id, dto), p, v);
  }

  @Post(':id/facilities') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '更新设施清单' })
  facilities(@Param('id', uuidParam()) id: string, @Body() dto: ChangeFacilitiesDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toChangeFacilities(id, dto), p, v);
  }

  @Post(':id/manager') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '指定站长（站长负责制）' })
  manager(@Param('id', uuidParam()) id: string, @Body() dto: AssignManagerDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toAssignManager(id, dto), p, v);
  }

  @Post(':id/notice') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '发布公示：服务公约、服务内容和时间、管理人员、服务职工热线（固定电话、400/800 或 12351）、进驻单位' })
  notice(@Param('id', uuidParam()) id: string, @Body() dto: PublishNoticeDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.publishNotice(id, dto, p, v);
  }

  @Post(':id/class') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '评定驿站类型：旗舰型或标准型' })
  classify(@Param('id', uuidParam()) id: string, @Body() dto: ClassifyStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toClassifyStation(id, dto), p, v);
  }

  @Post(':id/upgrade-plan') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '列入提升改造计划' })
  planUpgrade(@Param('id', uuidParam()) id: string, @Body() dto: PlanUpgradeDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toPlanUpgrade(id, dto), p, v);
  }

  @Post(':id/upgrade-complete') @HttpCode(200) @Roles(...OFFICERS)
  @ApiOperation({ summary: '提升改造完成' })
  completeUpgrade(@Param('id', uuidParam()) id: string, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toCompleteUpgrade(id), p, v);
  }

  @Post(':id/services') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '提供增值服务（义诊、法律咨询、急救培训、爱心托班…）及时间安排' })
  offerService(@Param('id', uuidParam()) id: string, @Body() dto: OfferServiceDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toOfferService(id, dto), p, v);
  }

  @Post(':id/services/withdraw') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '停止某项增值服务' })
  withdrawService(@Param('id', uuidParam()) id: string, @Body() dto: WithdrawServiceDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toWithdrawService(id, dto), p, v);
  }

  @Post(':id/review') @HttpCode(200) @Roles(...DISTRICT_AND_ABOVE)
  @ApiOperation({ summary: '年度星级评定（评分→1–5星，可降星）；使用人次按该年度到站人次和活动场次、劳动者满意度按在本站提交的心愿确认时的评分实测计分' })
  async review(@Param('id', uuidParam()) id: string, @Body() dto: ReviewStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toReviewStation(id, dto, await measuredYear(this.db, id, dto.year)), p, v);
  }

  @Post(':id/honours') @HttpCode(200) @Roles(...DISTRICT_AND_ABOVE)
  @ApiOperation({ summary: '授予荣誉（全国最美、省级最美…）' })
  honour(@Param('id', uuidParam()) id: string, @Body() dto: AwardHonourDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.execute(toAwardHonour(id, dto), p, v);
  }
}
