import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, uuidParam } from '@ws/kernel';
import { ViewPostingHandler } from './view-posting.handler';

/** Anyone sees an open posting. */
@ApiTags('零工之家 jobs')
@Controller('postings')
export class ViewPostingController {
  constructor(private readonly handler: ViewPostingHandler) {}

  @Get(':postingId')
  @Public()
  @ApiOperation({ summary: '一条招聘中的招工信息（个人雇主的详细地址不在这里），含雇主获得的评价（人数、平均星级）' })
  show(@Param('postingId', uuidParam('postingId')) postingId: string) {
    return this.handler.show(postingId);
  }
}
