import type { DemandDispatchDecided } from '@ws/contracts';
import { tasksFromDecision } from './tasks-from-decision';

const eventId = '019a5f2e-7c00-7000-8000-000000000001';
const decision: DemandDispatchDecided['data'] = {
  decisionId: 'decision-1',
  streetCode: '330802001',
  category: 'first_aid_training',
  mode: 'individual_tasks',
  wishIds: ['wish-1', 'wish-2'],
  wishStations: [
    { wishId: 'wish-1', stationId: 'station-a' },
    { wishId: 'wish-2', stationId: 'station-b' },
  ],
  title: '骑手急救培训需求',
  activity: null,
  answer: null,
  deadline: '2026-06-03T02:00:00.000Z',
  officerId: 'officer-1',
};

describe('tasksFromDecision', () => {
  it('makes one task per wish, at the wish\'s station, needing the category\'s skill', () => {
    const tasks = tasksFromDecision(eventId, decision);
    expect(tasks.map((t) => [t.source.wishIds, t.stationId, t.requiredSkill, t.mode])).toEqual([
      [['wish-1'], 'station-a', 'first_aid_trainer', 'individual'],
      [['wish-2'], 'station-b', 'first_aid_trainer', 'individual'],
    ]);
    expect(new Set(tasks.map((t) => t.taskId)).size).toBe(2);
  });

  it('names the same tasks when the decision is delivered again, other tasks for another decision', () => {
    expect(tasksFromDecision(eventId, decision).map((t) => t.taskId)).toEqual(tasksFromDecision(eventId, decision).map((t) => t.taskId));
    const other = tasksFromDecision('019a5f2e-7c00-7000-8000-000000000002', decision).map((t) => t.taskId);
    expect(other).not.toContain(tasksFromDecision(eventId, decision)[0]!.taskId);
  });

  it('makes one activity with its station, time and seats for all the wishes', () => {
    const activity = { stationId: 'station-hub', date: '2026-06-06T01:00:00.000Z', seats: 40, title: '急救培训（第一期）' };
    const [task, ...rest] = tasksFromDecision(eventId, { ...decision, mode: 'activity', activity });
    expect(rest).toEqual([]);
    expect(task).toMatchObject({ mode: 'activity', stationId: 'station-hub', scheduledAt: activity.date, seats: 40, title: activity.title, source: { wishIds: ['wish-1', 'wish-2'] } });
  });

  it('dispatches nothing for an answer without dispatch', () => {
    expect(tasksFromDecision(eventId, { ...decision, mode: 'answer_only', answer: '已联系社区卫生站' })).toEqual([]);
  });
});
