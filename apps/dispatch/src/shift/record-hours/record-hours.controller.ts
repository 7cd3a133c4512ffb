import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { uuidParam } from '@ws/kernel';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNumber, Max, Min } from 'class-validator';
import { CommandRunner } from '@ws/platform';
import { CurrentVolunteer, VolunteerOnly } from '../../volunteer/access/volunteer-auth';
import { MAX_SHIFT_HOURS } from '../shift.decider';
import type { ShiftCommand } from '../shift.decider';
import { shiftAggregate } from '../../aggregates';

export class RecordHoursDto {
  @ApiProperty({ description: '服务时长（小时，可含小数）', example: 3.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0.25) @Max(MAX_SHIFT_HOURS)
  hours!: number;
}

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
