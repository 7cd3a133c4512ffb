import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { uuidParam } from '@ws/kernel';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CommandRunner } from '@ws/platform';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import { MAX_TASK_HOURS, PROOF_NOTES_MAX, PROOF_PHOTOS_MAX } from '../task.decider';
import { taskAggregate } from '../../aggregates';

export class CompleteTaskDto {
  @ApiProperty({ description: '完成情况说明' }) @IsString() @MinLength(1) @MaxLength(PROOF_NOTES_MAX)
  notes!: string;

  @ApiProperty({ description: '照片引用（已上传文件的编号）', type: [String] })
  @IsArray() @ArrayMaxSize(PROOF_PHOTOS_MAX) @IsString({ each: true }) @MaxLength(200, { each: true })
  photoRefs!: string[];

  @ApiPropertyOptional({ description: '活动参加人数（活动类任务必填）' }) @IsOptional() @IsInt() @Min(0) @Max(100_000)
  attendees?: number;

  @ApiProperty({ description: '服务时长（小时）', example: 2 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0.25) @Max(MAX_TASK_HOURS)
  hours!: number;
}

@ApiTags('派单 tasks')
@Controller('tasks/:taskId')
export class WorkOnTaskController {
  constructor(private readonly runner: CommandRunner) {}

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
    const proof = { notes: body.notes, photoRefs: body.photoRefs, attendees: body.attendees ?? null };
    const { state, version } = await this.runner.run(taskAggregate, taskId, () => ({ type: 'CompleteTask', volunteerId, proof, hours: body.hours }), {
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { taskId, status: state.status, hours: body.hours, version };
  }
}
