import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { ActivityCommands } from '../activity-commands';
import { ACTIVITY_ORGANISERS, recorded } from '../activity-routes';
import { RescheduleActivityDto, toRescheduleActivity } from './reschedule-activity.dto';

@ApiTags('活动 activities')
@ApiBearerAuth()
@Controller('activities')
export class RescheduleActivityController {
  constructor(private readonly activities: ActivityCommands) {}

  @Post(':id/reschedule') @HttpCode(200) @Roles(...ACTIVITY_ORGANISERS)
  @ApiOperation({ summary: '改期' })
  async reschedule(@Param('id', uuidParam()) id: string, @Body() dto: RescheduleActivityDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return recorded(await this.activities.run(toRescheduleActivity(id, dto), p, v));
  }
}
