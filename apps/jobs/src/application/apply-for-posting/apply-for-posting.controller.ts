import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ws/kernel';
import { CurrentAccount, SeekerOnly } from '../../access/jobs-access';
import { ApplyDto } from './apply-for-posting.dto';
import { ApplyForPostingHandler } from './apply-for-posting.handler';

/** A seeker applies to an open posting (求职). */
@ApiTags('零工之家 jobs')
@Controller()
export class ApplyForPostingController {
  constructor(private readonly handler: ApplyForPostingHandler) {}

  @Post('postings/:postingId/applications')
  @HttpCode(201)
  @SeekerOnly()
  @ApiOperation({ summary: '求职者申请一条招聘中的招工信息（每人每条一次，重复申请答复同一份申请）' })
  apply(@Param('postingId', uuidParam('postingId')) postingId: string, @Body() body: ApplyDto, @CurrentAccount() seekerId: string) {
    return this.handler.apply(postingId, body, seekerId);
  }
}
