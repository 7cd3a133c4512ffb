/** What dispatch answers a volunteer (GET /volunteers/me/…). */
export interface Invitation {
  invitationId: string;
  taskId: string;
  status: 'pending' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
  sentAt: string;
  expiresAt: string;
  respondedAt: string | null;
  task: { taskId: string; title: string; category: string; mode: string; scheduledAt: string | null; deadline: string; seats: number | null };
}

export interface VolunteerTask {
  taskId: string;
  title: string;
  category: string;
  mode: string;
  scheduledAt: string | null;
  deadline: string;
  status: 'open' | 'assigned' | 'started' | 'completed' | 'cancelled';
  hours: number | null;
  assignedAt: string | null;
  completedAt: string | null;
}

export const INVITATION_STATUS: Record<Invitation['status'], string> = {
  pending: '待回复',
  accepted: '已接受',
  declined: '已谢绝',
  expired: '已超时',
  withdrawn: '已取消',
};

export const TASK_STATUS: Record<VolunteerTask['status'], string> = {
  open: '待派',
  assigned: '待开始',
  started: '进行中',
  completed: '已完成',
  cancelled: '已取消',
};

/** "还剩 1 小时 20 分" until the invitation passes to the next volunteer. */
export function timeLeft(expiresAt: string, now = Date.now()): string {
  const minutes = Math.floor((new Date(expiresAt).getTime() - now) / 60_000);
  if (minutes <= 0) return '已超时';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `还剩 ${hours} 小时 ${minutes % 60} 分` : `还剩 ${minutes} 分钟`;
}
