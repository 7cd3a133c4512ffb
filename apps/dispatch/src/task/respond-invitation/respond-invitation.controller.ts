import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { newId, uuidParam } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import { TASK_REASON_MAX } from '../task.decider';
import { TaskDispatcher } from '../task-dispatcher';
import { taskAggregate } from '../../aggregates';

export class DeclineInvitationDto {
  @ApiPropertyOptional({ description: '谢绝原因（可不填）' }) @IsOptional() @IsString() @MaxLength(TASK_REASON_MAX)
  reason?: string;
}

@ApiTags('派单 tasks')
@Controller('tasks/:taskId/invitations/:invitationId')
export class RespondInvitationController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly dispatcher: TaskDispatcher,
  ) {}

  @Post('accept')
  @HttpCode(200)
  @VolunteerOnly()
  @ApiOperation({ summary: '接受邀请：任务派给我（重复接受、超时后接受 → 409）' })
  async accept(
    @Param('taskId', uuidParam('taskId')) taskId: string,
    @Param('invitationId', uuidParam('invitationId')) invitationId: string,
    @CurrentVolunteer() volunteerId: string,
  ) {
    const { state, version } = await this.runner.run(taskAggregate, taskId, () => ({ type: 'AcceptInvitation', invitationId, volunteerId }), {
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { taskId, invitationId, status: state.status, assignee: state.assignee, version };
  }

  @Post('decline')
  @HttpCode(200)
  @VolunteerOnly()
  @ApiOperation({ summary: '谢绝邀请：任务转给下一位候选志愿者' })
  async decline(
    @Param('taskId', uuidParam('taskId')) taskId: string,
    @Param('invitationId', uuidParam('invitationId')) invitationId: string,
    @Body() body: DeclineInvitationDto,
    @CurrentVolunteer() volunteerId: string,
  ) {
    const { state, version } = await this.runner.run(
      taskAggregate,
      taskId,
      async (current) => ({
        type: 'DeclineInvitation',
        invitationId,
        volunteerId,
        reason: body.reason ?? null,
        offer: await this.dispatcher.offerFor(current, newId()),
      }),
      { meta: { actor: `volunteer:${volunteerId}` } },
    );
    return { taskId, invitationId, status: 'declined', taskStatus: state.status, scope: state.scope, version };
  }
}
