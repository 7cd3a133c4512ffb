import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ws/kernel';
import { CurrentAccount, EmployerOnly, SeekerOnly } from '../../access/jobs-access';
import { RatingDto } from './rate-work.dto';
import { RateWorkHandler } from './rate-work.handler';

/** After the hire, the seeker rates the employer and the employer the seeker, once each. */
@ApiTags('零工之家 jobs')
@Controller()
export class RateWorkController {
  constructor(private readonly handler: RateWorkHandler) {}

  @Post('seekers/me/applications/:applicationId/rating')
  @HttpCode(200)
  @SeekerOnly()
  @ApiOperation({ summary: '求职者评价雇主（签约上岗后，一次）' })
  rateAsSeeker(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: RatingDto, @CurrentAccount() seekerId: string) {
    return this.handler.rate('seeker', seekerId, applicationId, body);
  }

  @Post('employers/me/applications/:applicationId/rating')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '雇主评价求职者（签约上岗后，一次）' })
  rateAsEmployer(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: RatingDto, @CurrentAccount() employerId: string) {
    return this.handler.rate('employer', employerId, applicationId, body);
  }
}
