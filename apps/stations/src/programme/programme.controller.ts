import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, newId, type Principal, type Role, Roles, uuidParam } from '@ws/kernel';
import { ProgrammeCommandHandler } from './programme-command.handler';
import { CloseProgrammeDto, LaunchProgrammeDto, RecordDeliveryDto, toCloseProgramme, toLaunchProgramme, toRecordDelivery } from './programme.dto';

const PROGRAMME_OWNERS: Role[] = ['province_officer', 'city_officer', 'district_officer'];
const DELIVERERS: Role[] = [...PROGRAMME_OWNERS, 'street_officer', 'station_manager'];

/** The write side of programmes with quotas (民生实事项目): officers launch and close, stations and streets record what they served. */
@ApiTags('民生实事 programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammeController {
  constructor(private readonly handler: ProgrammeCommandHandler) {}

  @Post() @Roles(...PROGRAMME_OWNERS)
  @ApiOperation({ summary: '发布项目（健康体检、爱心托班…）：目标人次、场次/名额、新就业形态占比下限、期间' })
  launch(@Body() dto: LaunchProgrammeDto, @CurrentPrincipal() p: Principal) {
    return this.handler.execute(toLaunchProgramme(newId(), dto), p);
  }

  @Post(':id/deliveries') @Roles(...DELIVERERS)
  @ApiOperation({ summary: '登记服务：日期、人次、其中新就业形态人次、场次；占比规则无法达到时拒绝（programme_quota_unreachable）' })
  deliver(@Param('id', uuidParam()) id: string, @Body() dto: RecordDeliveryDto, @CurrentPrincipal() p: Principal) {
    return this.handler.deliver(toRecordDelivery(id, newId(), dto), p);
  }

  @Post(':id/close') @HttpCode(200) @Roles(...PROGRAMME_OWNERS)
  @ApiOperation({ summary: '结束项目' })
  close(@Param('id', uuidParam()) id: string, @Body() dto: CloseProgrammeDto, @CurrentPrincipal() p: Principal) {
    return this.handler.execute(toCloseProgramme(id, dto), p);
  }
}
