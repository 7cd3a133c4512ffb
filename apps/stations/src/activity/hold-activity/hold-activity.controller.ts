import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { ACTIVITY_ORGANISERS, recorded } from '../activity-routes';
import { HoldActivityDto, toHoldActivity } from './hold-activity.dto';
import { HoldActivityHandler } from './hold-activity.handler';

@ApiTags('活动 activities')
@ApiBearerAuth()
@Controller('activities')
export class HoldActivityController {
  constructor(private readonly handler: HoldActivityHandler) {}

  @Post(':id/held') @HttpCode(200) @Roles(...ACTIVITY_ORGANISERS)
  @ApiOperation({ summary: '登记举办情况：日期、参加人数、其中新就业形态劳动者人数、照片（先经 POST /activities/photos 上传到本节点）' })
  async held(@Param('id', uuidParam()) id: string, @Body() dto: HoldActivityDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return recorded(await this.handler.hold(toHoldActivity(id, dto), p, v));
  }
}
