import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, type Principal, Roles, uuidParam } from '@ws/kernel';
import { ApproveApplicationsDto, RejectApplicationDto, RequestInfoDto } from './review-application.dto';
import { ReviewApplicationHandler } from './review-application.handler';
import { membershipError } from '../../membership.errors';

@ApiTags('入会审批 review')
@ApiBearerAuth()
@Controller('applications')
@Roles('district_officer', 'street_officer')
export class ReviewApplicationController {
  constructor(private readonly handler: ReviewApplicationHandler) {}

  @Post(':applicationId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: '批准：发放会员卡号，会籍生效' })
  async approve(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @CurrentPrincipal() principal: Principal, @ExpectedVersion() version?: number) {
    const [outcome] = await this.handler.approve([applicationId], principal, version);
    if (outcome!.status === 'refused') throw membershipError.passOn(outcome!.error);
    return outcome;
  }

  @Post('approvals')
  @HttpCode(200)
  @ApiOperation({ summary: '批量批准（≤500），逐份答复' })
  approveMany(@Body() dto: ApproveApplicationsDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.approve(dto.applicationIds, principal).then((results) => ({
      approved: results.filter((r) => r.status === 'approved').length,
      refused: results.filter((r) => r.status === 'refused').length,
      results,
    }));
  }

  @Post(':applicationId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '驳回（附原因）' })
  reject(
    @Param('applicationId', uuidParam('applicationId')) applicationId: string,
    @Body() dto: RejectApplicationDto,
    @CurrentPrincipal() principal: Principal,
    @ExpectedVersion() version?: number,
  ) {
    return this.handler.reject(applicationId, dto.reason, dto.note ?? '', principal, version);
  }

  @Post(':applicationId/request-info')
  @HttpCode(200)
  @ApiOperation({ summary: '要求补充材料' })
  requestInfo(
    @Param('applicationId', uuidParam('applicationId')) applicationId: string,
    @Body() dto: RequestInfoDto,
    @CurrentPrincipal() principal: Principal,
    @ExpectedVersion() version?: number,
  ) {
    return this.handler.requestInfo(applicationId, dto.fields, dto.note, principal, version);
  }
}
