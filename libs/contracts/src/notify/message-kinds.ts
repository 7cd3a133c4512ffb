/**
 * One kind per thing a person is told (issue 12, "What is sent"), each with its own template.
 * Labels are what the console and the worker pages show.
 */
export const MESSAGE_KINDS = [
  // applicants and members
  'application_received',
  'application_info_requested',
  'application_approved',
  'application_rejected',
  'transfer_completed',
  // wish authors
  'wish_accepted',
  'wish_declined',
  'wish_merged',
  'wish_dispatched',
  'wish_in_progress',
  'wish_completed',
  'wish_reopened',
  'wish_escalated',
  // volunteers
  'invitation',
  'invitation_expiring',
  'task_cancelled',
  'shift_tomorrow',
  'swap_requested',
  'swap_answered',
  // seekers (零工之家)
  'job_matched',
  // station managers
  'station_new_wish',
  'directive_received',
  'upgrade_deadline',
  'station_suspended',
  'station_reopened',
  // officers
  'overdue_digest',
  'directive_deadline',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  application_received: '入会申请已受理',
  application_info_requested: '入会申请需补充材料',
  application_approved: '入会申请已通过',
  application_rejected: '入会申请未通过',
  transfer_completed: '会籍转接已完成',
  wish_accepted: '心愿已受理',
  wish_declined: '心愿已退回',
  wish_merged: '心愿已合并',
  wish_dispatched: '心愿已派单',
  wish_in_progress: '心愿服务进行中',
  wish_completed: '心愿已完成',
  wish_reopened: '心愿已重新办理',
  wish_escalated: '心愿逾期已上报',
  invitation: '志愿服务邀请',
  invitation_expiring: '邀请即将过期',
  task_cancelled: '任务已取消',
  shift_tomorrow: '明日值班提醒',
  swap_requested: '调班请求',
  swap_answered: '调班已答复',
  job_matched: '附近有新的招工信息',
  station_new_wish: '驿站新心愿',
  directive_received: '收到上级指令',
  upgrade_deadline: '提档升级期限将到',
  station_suspended: '驿站已暂停服务',
  station_reopened: '驿站已恢复服务',
  overdue_digest: '每日逾期事项汇总',
  directive_deadline: '指令期限将到',
};

/** Sent at any hour: an invitation waits for nobody, a code is asked for right now. */
export const QUIET_HOURS_EXEMPT: readonly MessageKind[] = ['invitation', 'invitation_expiring'];
