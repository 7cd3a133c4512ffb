import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ws/kernel';
import { CurrentAccount, EmployerOnly } from '../../access/jobs-access';
import { PostingDto } from '../../shared/dto';
import { PageQueryDto } from '../../shared/pages';
import { ManagePostingHandler } from './manage-posting.handler';

/** Employers draft and submit postings. */
@ApiTags('零工之家 jobs')
@Controller('postings')
export class ManagePostingController {
  constructor(private readonly handler: ManagePostingHandler) {}

  @Post()
  @HttpCode(201)
  @EmployerOnly()
  @ApiOperation({ summary: '雇主起草招工信息（工种、结算方式、工资范围以分计、人数、地点、有效期）' })
  draft(@Body() body: PostingDto, @CurrentAccount() employerId: string) {
    return this.handler.draft(body, employerId);
  }

  @Put(':postingId')
  @EmployerOnly()
  @ApiOperation({ summary: '修改草稿' })
  revise(@Param('postingId', uuidParam('postingId')) postingId: string, @Body() body: PostingDto, @CurrentAccount() employerId: string) {
    return this.handler.revise(postingId, body, employerId);
  }

  @Post(':postingId/submit')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '提交审核' })
  submit(@Param('postingId', uuidParam('postingId')) postingId: string, @CurrentAccount() employerId: string) {
    return this.handler.submit(postingId, employerId);
  }

  @Post(':postingId/withdraw')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '撤回招工信息' })
  withdraw(@Param('postingId', uuidParam('postingId')) postingId: string, @CurrentAccount() employerId: string) {
    return this.handler.withdraw(postingId, employerId);
  }

  @Get('mine')
  @EmployerOnly()
  @ApiOperation({ summary: '我发布的招工信息，新的在前，按 next 翻页' })
  mine(@CurrentAccount() employerId: string, @Query() query: PageQueryDto) {
    return this.handler.mine(employerId, query);
  }
}
