import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsUUID } from 'class-validator';
import { newId, authorize, uuidParam } from '@ws/kernel';
import { CurrentPrincipal, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import { shiftErrors } from '../shift.decider';
import type { ShiftCommand } from '../shift.decider';
import { assertActiveVolunteer } from '../active-volunteer';
import { shiftAggregate } from '../../aggregates';

export class SwapShiftDto {
  @ApiProperty({ description: '接班的志愿者' }) @IsUUID()
  toVolunteerId!: string;
}

export class AnswerSwapDto {
  @ApiProperty({ description: '接受（true）或谢绝（false）' }) @IsBoolean()
  accept!: boolean;
}

@ApiTags('轮值 shifts')
@Controller('shifts/:shiftId')
export class SwapShiftController {
  constructor(private readonly runner: CommandRunner) {}

  @Post('swap')
  @HttpCode(200)
  @VolunteerOnly()
  @ApiOperation({ summary: '调班：本班次的志愿者把班次交给另一位志愿者（开班前）' })
  async swap(@Param('shiftId', uuidParam('shiftId')) shiftId: string, @Body() body: SwapShiftDto, @CurrentVolunteer() volunteerId: string) {
    await assertActiveVolunteer(this.runner, body.toVolunteerId, 'toVolunteerId');
    await this.runner.run(shiftAggregate, shiftId, (): ShiftCommand => ({ type: 'SwapShift', byVolunteerId: volunteerId, toVolunteerId: body.toVolunteerId }), {
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { shiftId, volunteerId: body.toVolunteerId };
  }

  @Post('swap-requests')
  @HttpCode(201)
  @VolunteerOnly()
  @ApiOperation({ summary: '调班申请：请另一位志愿者接班（对方接受后班次才交接）' })
  async requestSwap(@Param('shiftId', uuidParam('shiftId')) shiftId: string, @Body() body: SwapShiftDto, @CurrentVolunteer() volunteerId: string) {
    await assertActiveVolunteer(this.runner, body.toVolunteerId, 'toVolunteerId');
    const requestId = newId();
    await this.runner.run(shiftAggregate, shiftId, (): ShiftCommand => ({ type: 'RequestSwap', byVolunteerId: volunteerId, toVolunteerId: body.toVolunteerId, requestId }), {
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { shiftId, requestId, toVolunteerId: body.toVolunteerId };
  }

  @Post('swap-requests/:requestId/answer')
  @HttpCode(200)
  @VolunteerOnly()
  @ApiOperation({ summary: '答复调班申请：被请求的志愿者接受或谢绝' })
  async answerSwap(
    @Param('shiftId', uuidParam('shiftId')) shiftId: string,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Body() body: AnswerSwapDto,
    @CurrentVolunteer() volunteerId: string,
  ) {
    const { state } = await this.runner.run(shiftAggregate, shiftId, (): ShiftCommand => ({ type: 'AnswerSwap', byVolunteerId: volunteerId, requestId, accept: body.accept }), {
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { shiftId, requestId, accepted: body.accept, volunteerId: state.volunteerId };
  }

  @Post('reassign')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('station_manager', 'street_officer', 'district_officer')
  @ApiOperation({ summary: '站长改派班次' })
  async reassign(@Param('shiftId', uuidParam('shiftId')) shiftId: string, @Body() body: SwapShiftDto, @CurrentPrincipal() principal: Principal) {
    const { state } = await this.runner.load(shiftAggregate, shiftId);
    if (state.status === 'none') throw shiftErrors.notFound();
    authorize(principal, { street: state.streetCode, station: state.stationId, field: 'stationId' });
    await assertActiveVolunteer(this.runner, body.toVolunteerId, 'toVolunteerId');
    await this.runner.run(shiftAggregate, shiftId, (): ShiftCommand => ({ type: 'SwapShift', byVolunteerId: null, toVolunteerId: body.toVolunteerId }), {
      meta: { actor: principal.subject },
    });
    return { shiftId, volunteerId: body.toVolunteerId };
  }
}
