import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, newId, Public, Role, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { stationsError } from '../errors';
import { ActivityCommandHandler, signupIdOf } from './activity-command.handler';
import type { ActivityState } from './activity.state';
import { CancelActivityDto, toCancelActivity } from './cancel-activity/cancel-activity.dto';
import { HoldActivityDto, toHoldActivity } from './hold-activity/hold-activity.dto';
import { PlanActivityDto, toPlanActivity } from './plan-activity/plan-activity.dto';
import { RescheduleActivityDto, toRescheduleActivity } from './reschedule-activity/reschedule-activity.dto';
import { SignUpDto } from './sign-up/sign-up.dto';

const ORGANISERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];

/** The write side of activities (活动): officers and station managers plan and record; workers sign up without logging in. */
@ApiTags('活动 activities')
@ApiBearerAuth()
@Controller('activities')
export class ActivityController {
  constructor(private readonly handler: ActivityCommandHandler) {}

  @Post() @Roles(...ORGANISERS)
  @ApiOperation({ summary: '安排活动（在驿站或街道；义诊、法律咨询、急救培训、爱心托班、招聘会…）' })
  async plan(@Body() dto: PlanActivityDto, @CurrentPrincipal() p: Principal) {
    return outcome(await this.handler.plan(toPlanActivity(newId(), dto), p));
  }

  @Post(':id/held') @HttpCode(200) @Roles(...ORGANISERS)
  @ApiOperation({ summary: '登记举办情况：日期、参加人数、其中新就业形态劳动者人数、照片' })
  async held(@Param('id', uuidParam()) id: string, @Body() dto: HoldActivityDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return outcome(await this.handler.execute(toHoldActivity(id, dto), p, v));
  }

  @Post(':id/reschedule') @HttpCode(200) @Roles(...ORGANISERS)
  @ApiOperation({ summary: '改期' })
  async reschedule(@Param('id', uuidParam()) id: string, @Body() dto: RescheduleActivityDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return outcome(await this.handler.execute(toRescheduleActivity(id, dto), p, v));
  }

  @Post(':id/cancel') @HttpCode(200) @Roles(...ORGANISERS)
  @ApiOperation({ summary: '取消活动' })
  async cancel(@Param('id', uuidParam()) id: string, @Body() dto: CancelActivityDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return outcome(await this.handler.execute(toCancelActivity(id, dto), p, v));
  }

  @Post(':id/signups') @HttpCode(200) @Public()
  @ApiOperation({ summary: '劳动者报名（设备键，无需登录、不留姓名电话）：有名额即报上，否则候补；重复报名答复相同' })
  async signUp(@Param('id', uuidParam()) id: string, @Body() dto: SignUpDto) {
    const signupId = signupIdOf(id, dto.key);
    const result = await this.handler.execute({ type: 'SignUp', activityId: id, signupId }, undefined);
    return { activityId: id, ...standing(result.state, signupId) };
  }

  @Post(':id/signups/withdraw') @HttpCode(200) @Public()
  @ApiOperation({ summary: '取消报名（名额让给第一位候补）' })
  async withdraw(@Param('id', uuidParam()) id: string, @Body() dto: SignUpDto) {
    const signupId = signupIdOf(id, dto.key);
    const result = await this.handler.execute({ type: 'WithdrawSignUp', activityId: id, signupId }, undefined);
    return { activityId: id, ...standing(result.state, signupId) };
  }

  @Post(':id/signups/standing') @HttpCode(200) @Public()
  @ApiOperation({ summary: '本设备的报名情况（设备键放在请求体，不进地址）：已报上、候补第几位，或未报名' })
  async signUpStanding(@Param('id', uuidParam()) id: string, @Body() dto: SignUpDto) {
    const state = await this.handler.load(id);
    if (state.status === 'none') throw stationsError('activity_not_found', `活动 ${id} 不存在`, 'activityId');
    return { activityId: id, ...standing(state, signupIdOf(id, dto.key)) };
  }
}

function outcome({ activityId, version, events }: { activityId: string; version: number; events: string[] }) {
  return { activityId, version, events };
}

/** Where a sign-up stands: a place, a position on the waiting list (1 = next), or none. */
function standing(state: ActivityState, signupId: string) {
  if (state.confirmed.includes(signupId)) return { status: 'confirmed' as const, position: null };
  const waiting = state.waitlist.indexOf(signupId);
  return waiting >= 0 ? { status: 'waitlisted' as const, position: waiting + 1 } : { status: 'none' as const, position: null };
}
