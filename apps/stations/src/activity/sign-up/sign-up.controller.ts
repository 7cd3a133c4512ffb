import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, uuidParam } from '@ws/kernel';
import { stationsError } from '../../errors';
import { ActivityCommands, signupIdOf } from '../activity-commands';
import type { ActivityState } from '../activity.state';
import { SignUpDto } from './sign-up.dto';

/** Workers sign up without logging in, with their device's key (never a name or a phone). */
@ApiTags('活动 activities')
@Controller('activities')
export class SignUpController {
  constructor(private readonly activities: ActivityCommands) {}

  @Post(':id/signups') @HttpCode(200) @Public()
  @ApiOperation({ summary: '劳动者报名（设备键，无需登录、不留姓名电话）：有名额即报上，否则候补；重复报名答复相同' })
  async signUp(@Param('id', uuidParam()) id: string, @Body() dto: SignUpDto) {
    const signupId = signupIdOf(id, dto.key);
    const result = await this.activities.run({ type: 'SignUp', activityId: id, signupId }, undefined);
    return { activityId: id, ...standing(result.state, signupId) };
  }

  @Post(':id/signups/withdraw') @HttpCode(200) @Public()
  @ApiOperation({ summary: '取消报名（名额让给第一位候补）' })
  async withdraw(@Param('id', uuidParam()) id: string, @Body() dto: SignUpDto) {
    const signupId = signupIdOf(id, dto.key);
    const result = await this.activities.run({ type: 'WithdrawSignUp', activityId: id, signupId }, undefined);
    return { activityId: id, ...standing(result.state, signupId) };
  }

  @Post(':id/signups/standing') @HttpCode(200) @Public()
  @ApiOperation({ summary: '本设备的报名情况（设备键放在请求体，不进地址）：已报上、候补第几位，或未报名' })
  async signUpStanding(@Param('id', uuidParam()) id: string, @Body() dto: SignUpDto) {
    const state = await this.activities.load(id);
    if (state.status === 'none') throw stationsError('activity_not_found', `活动 ${id} 不存在`, 'activityId');
    return { activityId: id, ...standing(state, signupIdOf(id, dto.key)) };
  }
}

/** Where a sign-up stands: a place, a position on the waiting list (1 = next), or none. */
function standing(state: ActivityState, signupId: string) {
  if (state.confirmed.includes(signupId)) return { status: 'confirmed' as const, position: null };
  const waiting = state.waitlist.indexOf(signupId);
  return waiting >= 0 ? { status: 'waitlisted' as const, position: waiting + 1 } : { status: 'none' as const, position: null };
}
