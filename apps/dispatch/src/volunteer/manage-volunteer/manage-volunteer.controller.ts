import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam, type Principal } from '@ws/kernel';
import { RetireVolunteerDto } from './manage-volunteer.dto';
import { ManageVolunteerHandler } from './manage-volunteer.handler';

/** What officers of the volunteer's street (or above) do with a volunteer's record. */
@ApiTags('志愿者 volunteers')
@ApiBearerAuth()
@Controller('volunteers/:volunteerId')
export class ManageVolunteerController {
  constructor(private readonly handler: ManageVolunteerHandler) {}

  @Get('contact')
  @Roles('street_officer', 'station_manager', 'district_officer')
  @ApiOperation({ summary: '联系方式：本街道干部和区县干部看到完整姓名手机号（记入访问日志），站长看到打码的' })
  contact(@Param('volunteerId', uuidParam('volunteerId')) volunteerId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.contact(volunteerId, principal);
  }

  @Post('access-code')
  @HttpCode(201)
  @Roles('street_officer', 'station_manager', 'district_officer')
  @ApiOperation({ summary: '重置登录码（旧码作废，新码只显示一次）' })
  resetCode(@Param('volunteerId', uuidParam('volunteerId')) volunteerId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.resetCode(volunteerId, principal);
  }

  @Post('retire')
  @HttpCode(200)
  @Roles('street_officer', 'station_manager', 'district_officer')
  @ApiOperation({ summary: '志愿者退出：不再收到邀请' })
  retire(@Param('volunteerId', uuidParam('volunteerId')) volunteerId: string, @Body() body: RetireVolunteerDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.retire(volunteerId, body.reason, principal);
  }

  @Delete('personal-data')
  @HttpCode(200)
  @Roles('street_officer', 'district_officer')
  @ApiOperation({ summary: '删除个人信息（销毁密钥），志愿者同时退出；服务记录保留' })
  erase(@Param('volunteerId', uuidParam('volunteerId')) volunteerId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.erase(volunteerId, principal);
  }
}
