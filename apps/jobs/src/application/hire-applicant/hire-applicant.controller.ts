import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ws/kernel';
import { CurrentAccount, EmployerOnly } from '../../access/jobs-access';
import { HireDto } from './hire-applicant.dto';
import { HireApplicantHandler } from './hire-applicant.handler';

/** The employer hires a seeker who accepted the invitation (签约), taking one place of the headcount. */
@ApiTags('零工之家 jobs')
@Controller('employers/me/applications')
export class HireApplicantController {
  constructor(private readonly handler: HireApplicantHandler) {}

  @Post(':applicationId/hire')
  @HttpCode(200)
  @EmployerOnly()
  @ApiOperation({ summary: '签约录用（求职者接受邀请后）：占用一个招聘名额，招满即关闭' })
  hire(@Param('applicationId', uuidParam('applicationId')) applicationId: string, @Body() body: HireDto, @CurrentAccount() employerId: string) {
    return this.handler.hire(applicationId, body, employerId);
  }
}
