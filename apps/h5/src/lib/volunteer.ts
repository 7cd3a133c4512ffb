import { labelOf } from './labels';

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

/** An invitation's and a task's status as dispatch names them for the volunteer. */
export const invitationStatusLabel = (status: string) => labelOf('dispatch', 'volunteerInvitationStatuses', status);
export const taskStatusLabel = (status: string) => labelOf('dispatch', 'volunteerTaskStatuses', status);

/** "还剩 1 小时 20 分" until the invitation passes to the next volunteer. */
export function timeLeft(expiresAt: string, now = Date.now()): string {
  const minutes = Math.floor((new Date(expiresAt).getTime() - now) / 60_000);
  if (minutes <= 0) return '已超时';
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `还剩 ${hours} 小时 ${minutes % 60} 分` : `还剩 ${minutes} 分钟`;
}
