import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import { AnswerSwapDto, SwapShiftDto } from './swap-shift.dto';
import { SwapShiftHandler } from './swap-shift.handler';

@ApiTags('轮值 shifts')
@Controller('shifts/:shiftId')
export class SwapShiftController {
  constructor(private readonly handler: SwapShiftHandler) {}

  @Post('swap')
  @HttpCode(200)
  @VolunteerOnly()
  @ApiOperation({ summary: '调班：本班次的志愿者把班次交给另一位志愿者（开班前）' })
  swap(@Param('shiftId', uuidParam('shiftId')) shiftId: string, @Body() body: SwapShiftDto, @CurrentVolunteer() volunteerId: string) {
    return this.handler.swap(shiftId, body.toVolunteerId, volunteerId);
  }

  @Post('swap-requests')
  @HttpCode(201)
  @VolunteerOnly()
  @ApiOperation({ summary: '调班申请：请另一位志愿者接班（对方接受后班次才交接）' })
  requestSwap(@Param('shiftId', uuidParam('shiftId')) shiftId: string, @Body() body: SwapShiftDto, @CurrentVolunteer() volunteerId: string) {
    return this.handler.requestSwap(shiftId, body.toVolunteerId, volunteerId);
  }

  @Post('swap-requests/:requestId/answer')
  @HttpCode(200)
  @VolunteerOnly()
  @ApiOperation({ summary: '答复调班申请：被请求的志愿者接受或谢绝' })
  answerSwap(
    @Param('shiftId', uuidParam('shiftId')) shiftId: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Body() body: AnswerSwapDto,
    @CurrentVolunteer() volunteerId: string,
  ) {
    return this.handler.answerSwap(shiftId, requestId, body.accept, volunteerId);
  }

  @Post('reassign')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('station_manager', 'street_officer', 'district_officer')
  @ApiOperation({ summary: '站长改派班次' })
  reassign(@Param('shiftId', uuidParam('shiftId')) shiftId: string, @Body() body: SwapShiftDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.reassign(shiftId, body.toVolunteerId, principal);
  }
}
