import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { RegisterVolunteerDto } from './register-volunteer.dto';
import { RegisterVolunteerHandler } from './register-volunteer.handler';

@ApiTags('志愿者 volunteers')
@ApiBearerAuth()
@Controller('volunteers')
export class RegisterVolunteerController {
  constructor(private readonly handler: RegisterVolunteerHandler) {}

  @Post()
  @HttpCode(201)
  @Roles('street_officer', 'station_manager', 'district_officer')
  @ApiOperation({ summary: '登记志愿者：姓名手机号加密保存；返回志愿者编号和一次性显示的登录码' })
  register(@Body() body: RegisterVolunteerDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.register(body, principal);
  }
}
