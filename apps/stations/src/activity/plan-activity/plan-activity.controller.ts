import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, newId, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { ActivityCommands } from '../activity-commands';
import { ACTIVITY_ORGANISERS, recorded } from '../activity-routes';
import { PlanActivityDto, toPlanActivity } from './plan-activity.dto';

@ApiTags('活动 activities')
@ApiBearerAuth()
@Controller('activities')
export class PlanActivityController {
  constructor(private readonly activities: ActivityCommands) {}

  @Post() @Roles(...ACTIVITY_ORGANISERS)
  @ApiOperation({ summary: '安排活动（在驿站或街道；义诊、法律咨询、急救培训、爱心托班、招聘会…）' })
  async plan(@Body() dto: PlanActivityDto, @CurrentPrincipal() p: Principal) {
    return recorded(await this.activities.plan(toPlanActivity(newId(), dto), p));
  }
}
