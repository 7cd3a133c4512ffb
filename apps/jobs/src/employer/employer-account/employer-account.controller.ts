import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccount, EmployerOnly } from '../../access/jobs-access';
import { EmployerAccountHandler } from './employer-account.handler';

/** What a signed-in employer sees and asks of its own account. */
@ApiTags('零工之家 jobs')
@Controller('employers/me')
export class EmployerAccountController {
  constructor(private readonly handler: EmployerAccountHandler) {}

  @Get()
  @EmployerOnly()
  @ApiOperation({ summary: '我的雇主账号：状态（审核中、已通过…）' })
  me(@CurrentAccount() employerId: string) {
    return this.handler.me(employerId);
  }

  @Post('review')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '雇主申请审核（审核通过前发布的招工信息不会展示）' })
  requestReview(@CurrentAccount() employerId: string) {
    return this.handler.requestReview(employerId);
  }
}
