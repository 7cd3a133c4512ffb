import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CancelTaskDto } from './cancel-task.dto';
import { CancelTaskHandler } from './cancel-task.handler';

@ApiTags('派单 tasks')
@ApiBearerAuth()
@Controller('tasks/:taskId/cancel')
export class CancelTaskController {
  constructor(private readonly handler: CancelTaskHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('street_officer', 'district_officer')
  @ApiOperation({ summary: '取消派单任务（待接受的邀请作废）' })
  cancel(
    @Param('taskId', uuidParam('taskId')) taskId: string,
    @Body() body: CancelTaskDto,
    @CurrentPrincipal() principal: Principal,
    @ExpectedVersion() expectedVersion?: number,
  ) {
    return this.handler.cancel(taskId, body.reason, principal, expectedVersion);
  }
}
