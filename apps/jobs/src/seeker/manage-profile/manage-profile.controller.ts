import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccount, SeekerOnly } from '../../access/jobs-access';
import { PreferencesDto } from '../../shared/dto';
import { PushesDto } from './manage-profile.dto';
import { ManageProfileHandler } from './manage-profile.handler';

/** A signed-in seeker's profile, wishes and pushes. */
@ApiTags('零工之家 jobs')
@Controller('seekers/me')
export class ManageProfileController {
  constructor(private readonly handler: ManageProfileHandler) {}

  @Get()
  @SeekerOnly()
  @ApiOperation({ summary: '我的求职档案（姓名、身份证号、手机号打码显示）' })
  me(@CurrentAccount() seekerId: string) {
    return this.handler.me(seekerId);
  }

  @Put('preferences')
  @SeekerOnly()
  @ApiOperation({ summary: '修改求职意向（工种、技能、通勤距离、可工作时间）' })
  changePreferences(@CurrentAccount() seekerId: string, @Body() body: PreferencesDto) {
    return this.handler.changePreferences(seekerId, body);
  }

  @Put('pushes')
  @SeekerOnly()
  @ApiOperation({ summary: '精准推送：开关与每天上限' })
  changePushes(@CurrentAccount() seekerId: string, @Body() body: PushesDto) {
    return this.handler.changePushes(seekerId, body);
  }
}
