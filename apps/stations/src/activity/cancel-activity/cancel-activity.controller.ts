import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { ActivityCommands } from '../activity-commands';
import { ACTIVITY_ORGANISERS, recorded } from '../activity-routes';
import { CancelActivityDto, toCancelActivity } from './cancel-activity.dto';

@ApiTags('活动 activities')
@ApiBearerAuth()
@Controller('activities')
export class CancelActivityController {
  constructor(private readonly activities: ActivityCommands) {}

  @Post(':id/cancel') @HttpCode(200) @Roles(...ACTIVITY_ORGANISERS)
  @ApiOperation({ summary: '取消活动' })
  async cancel(@Param('id', uuidParam()) id: string, @Body() dto: CancelActivityDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return recorded(await this.activities.run(toCancelActivity(id, dto), p, v));
  }
}
