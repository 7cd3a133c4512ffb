import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ws/kernel';
import { CurrentAccount, EmployerOnly } from '../../access/jobs-access';
import { DeclineDto } from '../../shared/dto';
import { PageQueryDto } from '../../shared/pages';
import { InviteDto } from './choose-applicants.dto';
import { ChooseApplicantsHandler } from './choose-applicants.handler';

/** The employer sees the applicants masked until inviting one (邀约), or declines one. */
@ApiTags('零工之家 jobs')
@Controller()
export class ChooseApplicantsController {
  constructor(private readonly handler: ChooseApplicantsHandler) {}

  @Get('postings/:postingId/applications')
  @EmployerOnly()
  @ApiOperation({ summary: '雇主查看申请人：邀请前姓名、手机号打码，邀请后可见；先申请的在前，按 next 翻页' })
  applicants(@Param('postingId', uuidParam('postingId')) postingId: string, @Query() query: PageQueryDto, @CurrentAccount() employerId: string) {
    return this.handler.applicants(postingId, query, employerId);
  }

  @Post('employers/me/applications/:applicationId/invite')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '雇主邀请申请人（此后可见其姓名和手机号）' })
  invite(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: InviteDto, @CurrentAccount() employerId: string) {
    return this.handler.act(employerId, applicationId, { type: 'Invite', message: body.message ?? null });
  }

  @Post('employers/me/applications/:applicationId/decline')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '雇主谢绝申请人（签约前）' })
  declineAsEmployer(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: DeclineDto, @CurrentAccount() employerId: string) {
    return this.handler.act(employerId, applicationId, { type: 'Decline', by: 'employer', reason: body.reason ?? null });
  }
}
