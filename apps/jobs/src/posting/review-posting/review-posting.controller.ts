import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { ReasonDto } from '../../shared/dto';
import { PageQueryDto } from '../../shared/pages';
import { OFFICER_ROLES, REVIEWER_ROLES } from '../../shared/scope';
import { PostingListQueryDto, TakeDownDto } from './review-posting.dto';
import { ReviewPostingHandler } from './review-posting.handler';

/** The union reviews postings, reads their reports and takes them down. */
@ApiTags('零工之家 jobs')
@Controller('postings')
export class ReviewPostingController {
  constructor(private readonly handler: ReviewPostingHandler) {}

  @Get()
  @ApiBearerAuth()
  @Roles(...OFFICER_ROLES)
  @ApiOperation({ summary: '招工信息（审核队列等），按状态筛选；街道干部只看本街道' })
  list(@Query() query: PostingListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.list(query, principal);
  }

  @Get(':postingId/reports')
  @ApiBearerAuth()
  @Roles(...OFFICER_ROLES)
  @ApiOperation({ summary: '一条招工信息收到的举报（类别、说明、时间；不记举报人），先到的在前，按 next 翻页；街道干部只看本街道' })
  reports(@Param('postingId', uuidParam('postingId')) postingId: string, @Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.reports(postingId, query, principal);
  }

  @Post(':postingId/approve')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '审核通过：招聘中（雇主须已通过审核）' })
  approve(@Param('postingId', uuidParam('postingId')) postingId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.approve(postingId, principal);
  }

  @Post(':postingId/return')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '退回草稿（附理由）' })
  returnForChanges(@Param('postingId', uuidParam('postingId')) postingId: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.decide(postingId, principal, () => ({ type: 'ReturnPosting', officerId: principal.subject, reason: body.reason }));
  }

  @Post(':postingId/take-down')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '下架（附原因）' })
  takeDown(@Param('postingId', uuidParam('postingId')) postingId: string, @Body() body: TakeDownDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.decide(postingId, principal, () => ({ type: 'TakeDownPosting', officerId: principal.subject, reason: body.reason, note: body.note ?? null }));
  }
}
