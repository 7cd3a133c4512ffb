import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import type { ShiftCommand } from '../shift.decider';
import { shiftAggregate } from '../../aggregates';
import { RecordHoursDto } from './record-hours.dto';

/** Only a command (the decider checks the holder and the hours): no handler. */
@ApiTags('轮值 shifts')
@Controller('shifts/:shiftId/hours')
export class RecordHoursController {
  constructor(private readonly runner: CommandRunner) {}

  @Post()
  @HttpCode(200)
  @VolunteerOnly()
  @ApiOperation({ summary: '志愿者记录本班次的服务时长' })
  async record(@Param('shiftId', uuidParam('shiftId')) shiftId: string, @Body() body: RecordHoursDto, @CurrentVolunteer() volunteerId: string) {
    await this.runner.run(shiftAggregate, shiftId, (): ShiftCommand => ({ type: 'RecordHours', volunteerId, hours: body.hours }), {
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { shiftId, volunteerId, hours: body.hours };
  }
}
