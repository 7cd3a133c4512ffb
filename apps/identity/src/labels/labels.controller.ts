import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { labelPairs } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { ACCOUNT_STATUS_LABELS, ROLE_LABELS } from './labels';

/** The zh-CN names of identity's codes, for the console (which keeps no copy of them); they change only with a release. */
@ApiTags('账号 labels')
@Controller('labels')
export class IdentityLabelsController {
  @Get()
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ summary: '代码的中文名称：角色、账号状态' })
  labels() {
    return { roles: labelPairs(ROLE_LABELS), accountStatuses: labelPairs(ACCOUNT_STATUS_LABELS) };
  }
}
