import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { ReasonDto } from '../../shared/dto';
import { OFFICER_ROLES, REVIEWER_ROLES } from '../../shared/scope';
import { EmployerListQueryDto } from './review-employer.dto';
import { ReviewEmployerHandler } from './review-employer.handler';

/** The union reviews employers and may suspend them. */
@ApiTags('零工之家 jobs')
@Controller('employers')
export class ReviewEmployerController {
  constructor(private readonly handler: ReviewEmployerHandler) {}

  @Get()
  @ApiBearerAuth()
  @Roles(...OFFICER_ROLES)
  @ApiOperation({ summary: '雇主名册（不含个人信息），按状态筛选；街道干部只看本街道' })
  list(@Query() query: EmployerListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.list(query, principal);
  }

  @Get(':employerId')
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '审核用：雇主的名称、统一社会信用代码和手机号（打码），从保险库取出；街道干部只看本街道' })
  show(@Param('employerId', uuidParam('employerId')) employerId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.show(employerId, principal);
  }

  @Post(':employerId/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '审核通过雇主' })
  approve(@Param('employerId', uuidParam('employerId')) employerId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.decide(employerId, { type: 'ApproveEmployer', officerId: principal.subject }, principal);
  }

  @Post(':employerId/return')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '退回雇主（附理由，可修改后再申请）' })
  returnForChanges(@Param('employerId', uuidParam('employerId')) employerId: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.decide(employerId, { type: 'ReturnEmployer', officerId: principal.subject, reason: body.reason }, principal);
  }

  @Post(':employerId/suspend')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '暂停雇主（其招工信息不再展示）' })
  suspend(@Param('employerId', uuidParam('employerId')) employerId: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.decide(employerId, { type: 'SuspendEmployer', officerId: principal.subject, reason: body.reason }, principal);
  }

  @Post(':employerId/reinstate')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '恢复被暂停的雇主' })
  reinstate(@Param('employerId', uuidParam('employerId')) employerId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.decide(employerId, { type: 'ReinstateEmployer', officerId: principal.subject }, principal);
  }
}
