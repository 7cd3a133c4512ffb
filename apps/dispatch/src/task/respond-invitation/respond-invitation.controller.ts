import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ws/kernel';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import { DeclineInvitationDto } from './respond-invitation.dto';
import { RespondInvitationHandler } from './respond-invitation.handler';

@ApiTags('派单 tasks')
@Controller('tasks/:taskId/invitations/:invitationId')
export class RespondInvitationController {
  constructor(private readonly handler: RespondInvitationHandler) {}

  @Post('accept')
  @HttpCode(200)
  @VolunteerOnly()
  @ApiOperation({ summary: '接受邀请：任务派给我（重复接受、超时后接受 → 409）' })
  accept(
    @Param('taskId', uuidParam('taskId')) taskId: string,
    @Param('invitationId', uuidParam('invitationId')) invitationId: string,
    @CurrentVolunteer() volunteerId: string,
  ) {
    return this.handler.accept(taskId, invitationId, volunteerId);
  }

  @Post('decline')
  @HttpCode(200)
  @VolunteerOnly()
  @ApiOperation({ summary: '谢绝邀请：任务转给下一位候选志愿者' })
  decline(
    @Param('taskId', uuidParam('taskId')) taskId: string,
    @Param('invitationId', uuidParam('invitationId')) invitationId: string,
    @Body() body: DeclineInvitationDto,
    @CurrentVolunteer() volunteerId: string,
  ) {
    return this.handler.decline(taskId, invitationId, body.reason, volunteerId);
  }
}
