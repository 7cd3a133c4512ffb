import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { labelPairs } from '@ws/contracts';
import { Public } from '@ws/kernel';
import {
  INVITATION_SCOPE_LABELS,
  INVITATION_STATUS_LABELS,
  SHIFT_STATUS_LABELS,
  TASK_STATUS_LABELS,
  VOLUNTEER_INVITATION_STATUS_LABELS,
  VOLUNTEER_SKILL_LABELS,
  VOLUNTEER_STATUS_LABELS,
  VOLUNTEER_TASK_STATUS_LABELS,
  VOLUNTEER_TYPE_LABELS,
} from './labels';

/** The zh-CN names of dispatch's codes, for the pages (which keep no copy of them); they change only with a release. */
@ApiTags('派单 labels')
@Controller('labels')
export class DispatchLabelsController {
  @Get()
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ summary: '代码的中文名称：任务状态、志愿者类型与状态、技能、邀请状态与范围、排班状态；志愿者本人看到的邀请与任务状态' })
  labels() {
    return {
      taskStatuses: labelPairs(TASK_STATUS_LABELS),
      volunteerTypes: labelPairs(VOLUNTEER_TYPE_LABELS),
      volunteerStatuses: labelPairs(VOLUNTEER_STATUS_LABELS),
      skills: labelPairs(VOLUNTEER_SKILL_LABELS),
      invitationStatuses: labelPairs(INVITATION_STATUS_LABELS),
      invitationScopes: labelPairs(INVITATION_SCOPE_LABELS),
      shiftStatuses: labelPairs(SHIFT_STATUS_LABELS),
      volunteerInvitationStatuses: labelPairs(VOLUNTEER_INVITATION_STATUS_LABELS),
      volunteerTaskStatuses: labelPairs(VOLUNTEER_TASK_STATUS_LABELS),
    };
  }
}
