import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { REVIEWER_ROLES } from '../../shared/scope';
import { ScheduleFairDto } from './schedule-fair.dto';
import { ScheduleFairHandler } from './schedule-fair.handler';

/** The union schedules 招聘会 and 直播带岗. */
@ApiTags('零工之家 jobs')
@ApiBearerAuth()
@Controller('fairs')
export class ScheduleFairController {
  constructor(private readonly handler: ScheduleFairHandler) {}

  @Post()
  @HttpCode(201)
  @Roles(...REVIEWER_ROLES)
  @ApiOperation({ summary: '安排招聘会（驿站现场或直播带岗）' })
  schedule(@Body() body: ScheduleFairDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.schedule(body, principal);
  }
}
