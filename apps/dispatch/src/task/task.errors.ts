import { dispatchError } from '../dispatch.errors';

/** Refusals of the task aggregate; statuses are in ../dispatch.errors.ts. */
export const taskErrors = {
  notFound: () => dispatchError('task_not_found', '派单任务不存在', 'taskId'),
  alreadyExists: () => dispatchError('task_already_exists', '该派单任务已创建', 'taskId'),
  invitationNotFound: () => dispatchError('invitation_not_found', '邀请不存在', 'invitationId'),
  invitationNotYours: () => dispatchError('invitation_not_yours', '这不是发给你的邀请', 'invitationId'),
  alreadyAccepted: () => dispatchError('invitation_already_accepted', '该邀请已接受，不能重复操作', 'invitationId'),
  alreadyDeclined: () => dispatchError('invitation_already_declined', '该邀请已谢绝', 'invitationId'),
  expired: () => dispatchError('invitation_expired', '邀请已超时，任务已转给其他志愿者', 'invitationId'),
  withdrawn: () => dispatchError('invitation_withdrawn', '任务已取消，邀请作废', 'invitationId'),
  notAssignee: () => dispatchError('not_task_assignee', '只有承接任务的志愿者可以操作', 'volunteerId'),
  notAssigned: () => dispatchError('task_not_assigned', '任务尚未有人承接'),
  alreadyStarted: () => dispatchError('task_already_started', '任务已开始'),
  alreadyCompleted: () => dispatchError('task_already_completed', '任务已完成'),
  cancelled: () => dispatchError('task_cancelled', '任务已取消'),
  attendeesRequired: () => dispatchError('proof_attendees_required', '活动类任务须填写参加人数', 'proof.attendees'),
  hoursOutOfRange: (max: number) => dispatchError('hours_out_of_range', `服务时长须大于 0 且不超过 ${max} 小时`, 'hours'),
};
