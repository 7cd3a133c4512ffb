import type { VolunteerSkill, VolunteerType } from '@ws/contracts';
import type { InvitationBoardTable, ShiftRotaTable, VolunteerBoardTable } from '../db/database';
import type { TaskBoardStatus } from '../read-models/tasks/tasks.query';

/** zh-CN labels of dispatch's codes, for the figures and the officers' pages. Records, so a new code without a label fails to compile. */
export const TASK_STATUS_LABELS: Record<TaskBoardStatus, string> = { open: '待接单', assigned: '已接单', started: '服务中', completed: '已完成', cancelled: '已取消' };

export const VOLUNTEER_TYPE_LABELS: Record<VolunteerType, string> = {
  party_member: '党员',
  cadre: '干部',
  student: '学生',
  professional: '专业人士',
  other: '其他',
};

export const VOLUNTEER_STATUS_LABELS: Record<VolunteerBoardTable['status'], string> = { active: '在册', retired: '已退出' };

export const VOLUNTEER_SKILL_LABELS: Record<VolunteerSkill, string> = {
  first_aid_trainer: '急救培训师',
  doctor: '医生',
  nurse: '护士',
  lawyer: '律师',
  electrician: '电工',
  plumber: '水管工',
  repair: '维修',
  teacher: '教师',
  childcare: '托育',
  counsellor: '心理咨询',
  job_advisor: '就业指导',
  general: '通用',
};

export const INVITATION_STATUS_LABELS: Record<InvitationBoardTable['status'], string> = {
  pending: '待回复',
  accepted: '已接受',
  declined: '已谢绝',
  expired: '已过期',
  withdrawn: '已撤回',
};

/** An invitation as the volunteer reads it on the worker pages (one that passed on ran out of time, one withdrawn was cancelled). */
export const VOLUNTEER_INVITATION_STATUS_LABELS: Record<InvitationBoardTable['status'], string> = {
  pending: '待回复',
  accepted: '已接受',
  declined: '已谢绝',
  expired: '已超时',
  withdrawn: '已取消',
};

/** A task as the volunteer reads it on the worker pages. */
export const VOLUNTEER_TASK_STATUS_LABELS: Record<TaskBoardStatus, string> = { open: '待派', assigned: '待开始', started: '进行中', completed: '已完成', cancelled: '已取消' };

/** How far an invitation went out: the task's street, or the whole district. */
export const INVITATION_SCOPE_LABELS: Record<InvitationBoardTable['scope'], string> = { street: '本街道', district: '全区' };

export const SHIFT_STATUS_LABELS: Record<ShiftRotaTable['status'], string> = { scheduled: '已排班', served: '已值守' };
