import type { TaskEvent } from '@ws/contracts';
import { commandsFor } from './dispatch.reaction';

const proof = { notes: '完成', photoRefs: [], attendees: 12 };

describe('commands for dispatch task events', () => {
  it('dispatches every wish of the task\'s source decision', () => {
    const created = {
      type: 'TaskCreated',
      data: { taskId: 't1', source: { decisionId: 'd1', wishIds: ['w1', 'w2'] } },
    } as unknown as TaskEvent;
    expect(commandsFor(created)).toEqual([
      { wishId: 'w1', command: { type: 'MarkDispatched', decisionId: 'd1', taskId: 't1' } },
      { wishId: 'w2', command: { type: 'MarkDispatched', decisionId: 'd1', taskId: 't1' } },
    ]);
  });

  it('completes only the wishes the completion names, with its proof', () => {
    const completed: TaskEvent = {
      type: 'TaskCompleted',
      data: { taskId: 't1', wishIds: ['w2'], decisionId: 'd1', volunteerId: 'v1', streetCode: 's', stationId: null, proof, hours: 2 },
    };
    expect(commandsFor(completed)).toEqual([{ wishId: 'w2', command: { type: 'CompleteByTask', decisionId: 'd1', taskId: 't1', proof } }]);
  });

  it('escalates on TaskEscalated, returns on TaskCancelled and ignores what concerns only dispatch', () => {
    const escalated: TaskEvent = { type: 'TaskEscalated', data: { taskId: 't1', fromStreet: 's', toDistrict: 'd', reason: 'street_exhausted', wishIds: ['w1'] } };
    expect(commandsFor(escalated)).toEqual([{ wishId: 'w1', command: { type: 'EscalateNoVolunteer', taskId: 't1' } }]);
    const cancelled: TaskEvent = { type: 'TaskCancelled', data: { taskId: 't1', wishIds: ['w1'], reason: '活动取消' } };
    expect(commandsFor(cancelled)).toEqual([{ wishId: 'w1', command: { type: 'ReturnToDemand', taskId: 't1', reason: '活动取消' } }]);
    const declined: TaskEvent = { type: 'InvitationDeclined', data: { taskId: 't1', invitationId: 'i', volunteerId: 'v', reason: null } };
    expect(commandsFor(declined)).toEqual([]);
  });
});
