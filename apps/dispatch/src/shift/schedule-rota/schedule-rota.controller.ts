import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { ScheduleRotaDto } from './schedule-rota.dto';
import { ScheduleRotaHandler } from './schedule-rota.handler';

@ApiTags('轮值 shifts')
@ApiBearerAuth()
@Controller('shifts/rota')
export class ScheduleRotaController {
  constructor(private readonly handler: ScheduleRotaHandler) {}

  @Post()
  @HttpCode(201)
  @Roles('station_manager', 'street_officer', 'district_officer')
  @ApiOperation({ summary: '排班：为站点排定一组轮值班次（每个班次一个事件流）' })
  schedule(@Body() body: ScheduleRotaDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.schedule(body, principal);
  }
}
