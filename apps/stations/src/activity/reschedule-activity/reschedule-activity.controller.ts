import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { ActivityCommandHandler } from '../activity-command.handler';
import { ACTIVITY_ORGANISERS, recorded } from '../activity-routes';
import { RescheduleActivityDto, toRescheduleActivity } from './reschedule-activity.dto';

@ApiTags('活动 activities')
@ApiBearerAuth()
@Controller('activities')
export class RescheduleActivityController {
  constructor(private readonly handler: ActivityCommandHandler) {}

  @Post(':id/reschedule') @HttpCode(200) @Roles(...ACTIVITY_ORGANISERS)
  @ApiOperation({ summary: '改期' })
  async reschedule(@Param('id', uuidParam()) id: string, @Body() dto: RescheduleActivityDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return recorded(await this.handler.execute(toRescheduleActivity(id, dto), p, v));
  }
}
