import type { OfficerTokenMinter } from '@ws/kernel';
import { DemoApi } from './dispatch-demo-api';

export interface ServeInvitationsOptions {
  dispatchUrl: string;
  districtCode: string;
  officerTokens: OfficerTokenMinter;
  /** How long to keep answering invitations as they arrive (default 30 s). */
  withinMs?: number;
}

export interface ServeInvitationsResult {
  declined: number;
  accepted: number;
  started: number;
  completed: number;
}

/**
 * The volunteers answer the invitations the demo wishes' dispatch produced, the same way on
 * every run (see FATES). Run it after
 * loadWishesDemo's decisions; it answers until three passes find nothing left to answer.
 */
export async function serveDemoInvitations(options: ServeInvitationsOptions): Promise<ServeInvitationsResult> {
  const api = new DemoApi(options.dispatchUrl, options.districtCode, options.officerTokens);
  const result: ServeInvitationsResult = { declined: 0, accepted: 0, started: 0, completed: 0 };
  const until = Date.now() + (options.withinMs ?? 30_000);
  let quietPasses = 0;
  let tasksSeen = 0;
  while (Date.now() < until && quietPasses < 3) {
    const pass = await servePass(api, result);
    // Tasks appear a while after the decisions (dispatch reacts to the wishes' events, one by
    // one): it is quiet only when nothing was answered and no task came since the last pass.
    quietPasses = pass.acted || pass.tasks === 0 || pass.tasks !== tasksSeen ? 0 : quietPasses + 1;
    tasksSeen = pass.tasks;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return result;
}

interface BoardTask {
  taskId: string;
  status: 'open' | 'assigned' | 'started' | 'completed' | 'cancelled';
  mode: string;
  assignee: string | null;
  invitationsSent: number;
  waitingForVolunteers: boolean;
}

type Fate = 'accept' | 'start' | 'complete' | 'decline_then_complete' | 'unanswered';
/**
 * What happens to the n-th task of the district (in creation order, so the same task gets the
 * same fate on every run, and ten tasks show every kind): 已派单 and waiting, accepted and left
 * 已派单, started (进行中), completed, declined by the first volunteer and completed by the next.
 */
const FATES: readonly Fate[] = ['accept', 'start', 'complete', 'decline_then_complete', 'complete', 'start', 'complete', 'unanswered', 'complete', 'accept'];

async function servePass(api: DemoApi, result: ServeInvitationsResult): Promise<{ acted: boolean; tasks: number }> {
  const tasks = (await api.officer('GET', '/tasks')).body as BoardTask[];
  let acted = false;
  for (const [rank, task] of tasks.entries()) {
    const fate = FATES[rank % FATES.length]!;
    const outcome = task.status === 'open' ? await answerInvitation(api, task, fate) : await workOn(api, task, fate);
    if (outcome) {
      result[outcome]++;
      acted = true;
    }
  }
  return { acted, tasks: tasks.length };
}

/**
 * The pending invitation answered as the task's fate says. A task dispatched again after a reopen
 * (an invitation was accepted before) waits for its volunteer: the demo leaves it 已派单.
 */
async function answerInvitation(api: DemoApi, task: BoardTask, fate: Fate): Promise<'declined' | 'accepted' | null> {
  if (task.waitingForVolunteers || fate === 'unanswered') return null;
  const detail = await api.officer('GET', `/tasks/${task.taskId}`);
  const invitations = detail.body.invitations as Array<{ invitationId: string; volunteerId: string; status: string }>;
  const pending = invitations.find((i) => i.status === 'pending');
  if (!pending || invitations.some((i) => i.status === 'accepted')) return null;
  const declines = fate === 'decline_then_complete' && invitations.length === 1;
  const path = `/tasks/${task.taskId}/invitations/${pending.invitationId}/${declines ? 'decline' : 'accept'}`;
  const answer = await api.asVolunteer(pending.volunteerId, 'POST', path, declines ? { reason: '这周排班冲突' } : {});
  if (answer.status !== 200) return null;
  return declines ? 'declined' : 'accepted';
}

/** The assignee starts or completes the task (notes, photo references, attendees for an activity, hours). */
async function workOn(api: DemoApi, task: BoardTask, fate: Fate): Promise<'started' | 'completed' | null> {
  if (!task.assignee || fate === 'accept' || task.status === 'completed' || task.status === 'cancelled') return null;
  if (fate === 'start') {
    if (task.status !== 'assigned') return null;
    return (await api.asVolunteer(task.assignee, 'POST', `/tasks/${task.taskId}/start`, {})).status === 200 ? 'started' : null;
  }
  const activity = task.mode === 'activity';
  const proof = {
    notes: activity ? '活动顺利举办，参加的职工反馈很实用' : '已上门服务，问题已解决',
    photoRefs: [`demo-photo-${task.taskId.slice(0, 8)}`],
    ...(activity ? { attendees: 12 + (task.invitationsSent % 3) * 8 } : {}),
    hours: activity ? 3 : 1.5,
  };
  return (await api.asVolunteer(task.assignee, 'POST', `/tasks/${task.taskId}/complete`, proof)).status === 200 ? 'completed' : null;
}

