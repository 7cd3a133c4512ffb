import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, type Principal, Roles, uuidParam } from '@ws/kernel';
import { StatusReasonDto } from './change-status.dto';
import { ChangeStatusHandler } from './change-status.handler';

@ApiTags('会籍 members')
@ApiBearerAuth()
@Controller('members')
@Roles('district_officer', 'street_officer')
export class ChangeStatusController {
  constructor(private readonly handler: ChangeStatusHandler) {}

  @Post(':membershipId/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: '暂停会籍' })
  suspend(@Param('membershipId', uuidParam('membershipId')) id: string, @Body() dto: StatusReasonDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.change(id, { type: 'SuspendMembership', reason: dto.reason }, p, v);
  }

  @Post(':membershipId/reinstate')
  @HttpCode(200)
  @ApiOperation({ summary: '恢复会籍' })
  reinstate(@Param('membershipId', uuidParam('membershipId')) id: string, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.change(id, { type: 'ReinstateMembership' }, p, v);
  }

  @Post(':membershipId/leave')
  @HttpCode(200)
  @ApiOperation({ summary: '退会' })
  leave(@Param('membershipId', uuidParam('membershipId')) id: string, @Body() dto: StatusReasonDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.change(id, { type: 'LeaveMembership', reason: dto.reason }, p, v);
  }
}
