import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { ReasonDto } from '../../shared/dto';
import { REVIEWER_ROLES } from '../../shared/scope';
import { AttachEmployerDto, AttachPostingDto, CountDto, IntentionsDto } from './run-fair.dto';
import { RunFairHandler } from './run-fair.handler';

/** The union attaches employers and open postings to a fair, counts who came and what was agreed, and holds or cancels it. */
@ApiTags('零工之家 jobs')
@ApiBearerAuth()
@Controller('fairs/:fairId')
export class RunFairController {
  constructor(private readonly handler: RunFairHandler) {}

  @Post('employers')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '添加参会雇主（须已通过审核）' })
  attachEmployer(@Param('fairId', uuidParam('fairId')) fairId: string, @Body() body: AttachEmployerDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.attachEmployer(fairId, body.employerId, principal);
  }

  @Post('postings')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '添加参会岗位（须为招聘中的招工信息；其雇主随之参会）' })
  attachPosting(@Param('fairId', uuidParam('fairId')) fairId: string, @Body() body: AttachPostingDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.attachPosting(fairId, body.postingId, principal);
  }

  @Post('attendance')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '记录到场人数（现场清点或直播观看；只计数）' })
  countAttendance(@Param('fairId', uuidParam('fairId')) fairId: string, @Body() body: CountDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.act(fairId, principal, () => ({ type: 'CountAttendance', count: body.count, entryId: body.entryId ?? null }));
  }

  @Post('intentions')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '记录达成意向人数（按参会岗位；不记姓名）' })
  recordIntentions(@Param('fairId', uuidParam('fairId')) fairId: string, @Body() body: IntentionsDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.act(fairId, principal, () => ({ type: 'RecordIntentions', postingId: body.postingId, count: body.count, entryId: body.entryId ?? null }));
  }

  @Post('held')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '标记为已举办（开始之后）' })
  markHeld(@Param('fairId', uuidParam('fairId')) fairId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.act(fairId, principal, () => ({ type: 'MarkFairHeld' }));
  }

  @Post('cancel')
  @HttpCode(200)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '取消招聘会（附原因；已有到场或意向记录的不能取消）' })
  cancel(@Param('fairId', uuidParam('fairId')) fairId: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.act(fairId, principal, () => ({ type: 'CancelFair', officerId: principal.subject, reason: body.reason }));
  }
}
