import { Body, Controller, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExpectedVersion } from '@ws/kernel';
import { CommandRunner } from '@ws/platform';
import { CurrentVolunteer, VolunteerOnly } from '../access/volunteer-auth';
import { AvailabilityDto } from '../register-volunteer/register-volunteer.dto';
import type { VolunteerCommand } from '../volunteer.decider';
import { volunteerAggregate } from '../../aggregates';

/** Only a command (the decider checks the slots; the token names the volunteer): no handler. */
@ApiTags('志愿者 volunteers')
@Controller('volunteers/me/availability')
export class ChangeAvailabilityController {
  constructor(private readonly runner: CommandRunner) {}

  @Put()
  @VolunteerOnly()
  @ApiOperation({ summary: '志愿者修改每周可服务时段（北京时间）' })
  async change(@Body() body: AvailabilityDto, @CurrentVolunteer() volunteerId: string, @ExpectedVersion() expectedVersion?: number) {
    const availability = body.availability.map((a) => ({ day: a.day, from: a.from, to: a.to }));
    const { version } = await this.runner.run(volunteerAggregate, volunteerId, (): VolunteerCommand => ({ type: 'ChangeAvailability', availability }), {
      expectedVersion,
      meta: { actor: `volunteer:${volunteerId}` },
    });
    return { volunteerId, availability, version };
  }
}
