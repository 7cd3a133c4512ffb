import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ws/kernel';
import { CurrentAccount, SeekerOnly } from '../../access/jobs-access';
import { DeclineDto } from '../../shared/dto';
import { PageQueryDto } from '../../shared/pages';
import { FollowApplicationsHandler } from './follow-applications.handler';

/** The seeker follows their applications, accepts an invitation or declines. */
@ApiTags('零工之家 jobs')
@Controller('seekers/me/applications')
export class FollowApplicationsController {
  constructor(private readonly handler: FollowApplicationsHandler) {}

  @Get()
  @SeekerOnly()
  @ApiOperation({ summary: '我的申请：状态；雇主邀请后可见工作地址；新的在前，按 next 翻页' })
  mine(@CurrentAccount() seekerId: string, @Query() query: PageQueryDto) {
    return this.handler.mine(seekerId, query);
  }

  @Post(':applicationId/accept')
  @HttpCode(200)
  @SeekerOnly()
  @ApiOperation({ summary: '求职者接受邀请' })
  accept(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @CurrentAccount() seekerId: string) {
    return this.handler.act(seekerId, applicationId, { type: 'AcceptInvitation' });
  }

  @Post(':applicationId/decline')
  @HttpCode(200)
  @SeekerOnly()
  @ApiOperation({ summary: '求职者谢绝或撤回申请（签约前）' })
  declineAsSeeker(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: DeclineDto, @CurrentAccount() seekerId: string) {
    return this.handler.act(seekerId, applicationId, { type: 'Decline', by: 'seeker', reason: body.reason ?? null });
  }
}
