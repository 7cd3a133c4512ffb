import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CurrentPrincipal, ExpectedVersion, Roles, authorize, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { taskErrors } from '../task.errors';
import { TASK_REASON_MAX } from '../task.decider';
import { taskAggregate } from '../../aggregates';

export class CancelTaskDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(TASK_REASON_MAX)
  reason!: string;
}

@ApiTags('派单 tasks')
@ApiBearerAuth()
@Controller('tasks/:taskId/cancel')
export class CancelTaskController {
  constructor(private readonly runner: CommandRunner) {}

  @Post()
  @HttpCode(200)
  @Roles('street_officer', 'district_officer')
  @ApiOperation({ summary: '取消派单任务（待接受的邀请作废）' })
  async cancel(
    @Param('taskId', uuidParam('taskId')) taskId: string,
    @Body() body: CancelTaskDto,
    @CurrentPrincipal() principal: Principal,
    @ExpectedVersion() expectedVersion?: number,
  ) {
    const { state, version } = await this.runner.run(
      taskAggregate,
      taskId,
      (current) => {
        if (current.status === 'none') throw taskErrors.notFound();
        authorize(principal, { street: current.streetCode, field: 'streetCode' });
        return { type: 'CancelTask', reason: body.reason };
      },
      { expectedVersion, meta: { actor: principal.subject } },
    );
    return { taskId, status: state.status, version };
  }
}
