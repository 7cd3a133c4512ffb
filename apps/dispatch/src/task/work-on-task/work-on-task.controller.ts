import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { uuidParam } from '@ws/kernel';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandRunner } from '@ws/platform';
import { Photos } from '@ws/uploads';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import { taskAggregate } from '../../aggregates';
import { CompleteTaskDto } from './work-on-task.dto';

/** Only commands (the decider checks the assignee, the proof and the hours): no handler; the proof's photos are claimed first. */
@ApiTags('派单 tasks')
@Controller('tasks/:taskId')
export class WorkOnTaskController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly photos: Photos,
  ) {}

  @Post('start')
  @HttpCode(200)
  @VolunteerOnly()
  @ApiOperation({ summary: '开始服务（可选）：心愿显示为进行中' })
  async start(@Param('taskId', uuidParam('taskId')) taskId: string, @CurrentVolunteer() volunteerId: string) {
    const { state, version } = await this.runner.run(taskAggregate, taskId, () => ({ type: 'StartTask', volunteerId }), { meta: { actor: `volunteer:${volunteerId}` } });
    return { taskId, status: state.status, version };
  }

  @Post('complete')
  @HttpCode(200)
  @VolunteerOnly()
  @ApiOperation({ summary: '完成任务：提交说明、照片引用、参加人数与服务时长' })
  async complete(@Param('taskId', uuidParam('taskId')) taskId: string, @Body() body: CompleteTaskDto, @CurrentVolunteer() volunteerId: string) {
    // The proof's photos are kept from now on (an upload nothing claims is swept after a day).
    await this.photos.claim(body.photoRefs);
    const proof = { notes: body.notes, photoRefs: body.photoRefs, attendees: body.attendees ?? null };
    const { state, version } = await this.runner.run(taskAggregate, taskId, () => ({ type: 'CompleteTask', volunteerId, proof, hours: body.hours }), {
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { taskId, status: state.status, hours: body.hours, version };
  }
}
