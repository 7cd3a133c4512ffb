import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ws/kernel';
import { CurrentAccount, SeekerOnly } from '../../access/jobs-access';
import { ReportDto } from './report-posting.dto';
import { ReportPostingHandler } from './report-posting.handler';

/** Seekers report abuse (虚假招聘、收费、欠薪…), one report per person and posting, nobody named. */
@ApiTags('零工之家 jobs')
@Controller('postings')
export class ReportPostingController {
  constructor(private readonly handler: ReportPostingHandler) {}

  @Post(':postingId/reports')
  @HttpCode(200)
  @SeekerOnly()
  @ApiOperation({ summary: '求职者举报招工信息（虚假招聘、收费、欠薪…；每人每条一次，不记名）' })
  report(@Param('postingId', uuidParam('postingId')) postingId: string, @Body() body: ReportDto, @CurrentAccount() seekerId: string) {
    return this.handler.report(postingId, body, seekerId);
  }
}
