import { labelsController } from '@ws/platform';
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

/** GET /labels: the zh-CN names of dispatch's codes, for the pages. */
export const DispatchLabelsController = labelsController(
  '派单 labels',
  '代码的中文名称：任务状态、志愿者类型与状态、技能、邀请状态与范围、排班状态；志愿者本人看到的邀请与任务状态',
  {
    taskStatuses: TASK_STATUS_LABELS,
    volunteerTypes: VOLUNTEER_TYPE_LABELS,
    volunteerStatuses: VOLUNTEER_STATUS_LABELS,
    skills: VOLUNTEER_SKILL_LABELS,
    invitationStatuses: INVITATION_STATUS_LABELS,
    invitationScopes: INVITATION_SCOPE_LABELS,
    shiftStatuses: SHIFT_STATUS_LABELS,
    volunteerInvitationStatuses: VOLUNTEER_INVITATION_STATUS_LABELS,
    volunteerTaskStatuses: VOLUNTEER_TASK_STATUS_LABELS,
  },
);
