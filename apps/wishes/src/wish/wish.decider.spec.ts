import type { WishPostedData, WishStreamEvent } from '@ws/contracts';
import { fold } from '@ws/kernel';
import { spec } from '@ws/testing';
import { createWishDecider, WISH_TEXT_MAX } from './wish.decider';
import { DEFAULT_WISH_POLICY } from './wish-policy';

const decider = createWishDecider(DEFAULT_WISH_POLICY);
const NOW = new Date('2026-06-01T02:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

const wishId = '0190a000-0000-7000-8000-000000000001';
const authorKeyHash = 'a'.repeat(64);
const posting: Omit<WishPostedData, 'moderateBy'> = {
  wishId,
  wishNo: 'W7K3QX9M2D',
  stationId: '0190a000-0000-7000-8000-0000000000aa',
  communityCode: '330802001001',
  streetCode: '330802001',
  category: 'repair',
  text: '  电动车充电桩坏了  ',
  urgency: 'normal',
  photoRefs: [],
  authorKind: 'worker',
  memberCard: null,
  contactRef: 'contact-1',
  authorKeyHash,
  postedBy: null,
};
const posted: WishStreamEvent = { type: 'WishPosted', data: { ...posting, text: '电动车充电桩坏了', moderateBy: at(3 * DAY) } };
const accepted: WishStreamEvent = {
  type: 'WishAccepted',
  data: { wishId, streetCode: '330802001', category: 'repair', moderatorId: 'manager-1', deadline: at(3 * DAY) },
};
const decided: WishStreamEvent = { type: 'WishDecided', data: { wishId, decisionId: 'decision-1', mode: 'individual_tasks', officerId: 'officer-1' } };
const dispatched: WishStreamEvent = { type: 'WishDispatched', data: { wishId, decisionId: 'decision-1', taskId: 'task-1' } };
const proof = { notes: '已更换充电模块', photoRefs: ['photo-9'], attendees: null };
const completed: WishStreamEvent = {
  type: 'WishCompleted',
  data: { wishId, decisionId: 'decision-1', taskId: 'task-1', answer: null, proof, confirmBy: at(7 * DAY) },
};
const notified = (status: string, previousStatus: string | null, message: string | null = null): WishStreamEvent =>
  ({ type: 'StatusNotified', data: { wishId, wishNo: 'W7K3QX9M2D', status, previousStatus, message, contactRef: 'contact-1' } }) as WishStreamEvent;

describe('wish decider', () => {
  describe('posting', () => {
    it('records the wish with a moderation deadline and tells the author it was submitted', () => {
      spec(decider).given([]).when({ type: 'PostWish', kind: 'wish', wish: posting }).then([posted, notified('submitted', null)]);
    });

    it('records a suggestion as SuggestionPosted', () => {
      const events = decider.decide({ type: 'PostWish', kind: 'suggestion', wish: posting }, decider.initialState(), { now: NOW });
      expect(Array.isArray(events) && events[0]!.type).toBe('SuggestionPosted');
    });

    it('refuses an empty or a huge text and too many photos', () => {
      spec(decider).given([]).when({ type: 'PostWish', kind: 'wish', wish: { ...posting, text: '   ' } }).thenError('validation_failed', 'text');
      spec(decider).given([]).when({ type: 'PostWish', kind: 'wish', wish: { ...posting, text: 'x'.repeat(WISH_TEXT_MAX + 1) } }).thenError('validation_failed', 'text');
      spec(decider).given([]).when({ type: 'PostWish', kind: 'wish', wish: { ...posting, photoRefs: Array(10).fill('p') } }).thenError('validation_failed', 'photoRefs');
    });

    it('refuses to post the same wish id twice', () => {
      spec(decider).given([posted]).when({ type: 'PostWish', kind: 'wish', wish: posting }).thenError('wish_exists');
    });

    it('refuses any other command on a wish that does not exist', () => {
      spec(decider).given([]).when({ type: 'AcceptWish', moderatorId: 'm' }).thenError('wish_not_found');
    });
  });

  describe('moderation', () => {
    it('accepts with the category deadline; an urgent wish gets half of it', () => {
      spec(decider).given([posted]).when({ type: 'AcceptWish', moderatorId: 'manager-1' }).then([accepted, notified('accepted', 'submitted')]);
      const urgent: WishStreamEvent = { type: 'WishPosted', data: { ...posted.data, urgency: 'urgent' } as WishPostedData };
      const events = decider.decide({ type: 'AcceptWish', moderatorId: 'm' }, fold(decider, [urgent]), { now: NOW });
      expect(Array.isArray(events) && events[0]!.data).toMatchObject({ deadline: at(1.5 * DAY) });
    });

    it('declines with a reason the author reads', () => {
      spec(decider)
        .given([posted])
        .when({ type: 'DeclineWish', moderatorId: 'manager-1', reason: ' 不属于工会服务范围 ' })
        .then([
          { type: 'WishDeclined', data: { wishId, reason: '不属于工会服务范围', moderatorId: 'manager-1' } },
          notified('declined', 'submitted', '不属于工会服务范围'),
        ]);
      spec(decider).given([posted]).when({ type: 'DeclineWish', moderatorId: 'm', reason: '' }).thenError('validation_failed', 'reason');
    });

    it('merges a duplicate into another wish and closes it', () => {
      spec(decider)
        .given([posted])
        .when({ type: 'MergeWish', moderatorId: 'manager-1', intoWishId: 'other' })
        .then([
          { type: 'WishMerged', data: { wishId, intoWishId: 'other', moderatorId: 'manager-1' } },
          { type: 'WishClosed', data: { wishId, reason: 'merged' } },
          notified('closed', 'submitted', '与相同的心愿合并，请关注合并后的心愿'),
        ]);
      spec(decider).given([posted]).when({ type: 'MergeWish', moderatorId: 'm', intoWishId: wishId }).thenError('merge_target_invalid');
    });

    it('refuses to accept twice, or to decline an accepted wish', () => {
      spec(decider).given([posted, accepted]).when({ type: 'AcceptWish', moderatorId: 'm' }).thenError('wish_status_conflict');
      spec(decider).given([posted, accepted]).when({ type: 'DeclineWish', moderatorId: 'm', reason: 'x' }).thenError('wish_status_conflict');
    });
  });

  describe('附议', () => {
    it('counts each seconder once, only on the wall', () => {
      spec(decider).given([posted, accepted]).when({ type: 'SecondWish', seconderHash: 'h1' }).then([{ type: 'WishSeconded', data: { wishId, seconderHash: 'h1', seconds: 1 } }]);
      const seconded: WishStreamEvent = { type: 'WishSeconded', data: { wishId, seconderHash: 'h1', seconds: 1 } };
      spec(decider).given([posted, accepted, seconded]).when({ type: 'SecondWish', seconderHash: 'h1' }).thenError('already_seconded');
      spec(decider).given([posted]).when({ type: 'SecondWish', seconderHash: 'h2' }).thenError('wish_status_conflict');
    });
  });

  describe('decision and dispatch', () => {
    const include = { type: 'IncludeInDecision', decisionId: 'decision-1', mode: 'individual_tasks', officerId: 'officer-1', streetCode: '330802001', category: 'repair', answer: null } as const;

    it('marks an accepted wish as decided; it stays accepted until the task exists', () => {
      spec(decider).given([posted, accepted]).when(include).then([decided]);
      expect(fold(decider, [posted, accepted, decided]).status).toBe('accepted');
    });

    it('refuses a wish of another street or category, and one already decided', () => {
      spec(decider).given([posted, accepted]).when({ ...include, streetCode: '330802002' }).thenError('wish_not_in_group');
      spec(decider).given([posted, accepted]).when({ ...include, category: 'legal_advice' }).thenError('wish_not_in_group');
      spec(decider).given([posted, accepted, decided]).when(include).thenError('wish_status_conflict');
    });

    it('completes at once with an answer when the officer answers without dispatch', () => {
      spec(decider)
        .given([posted, accepted])
        .when({ ...include, mode: 'answer_only', answer: '已联系物业维修' })
        .then([
          { type: 'WishDecided', data: { wishId, decisionId: 'decision-1', mode: 'answer_only', officerId: 'officer-1' } },
          { type: 'WishCompleted', data: { wishId, decisionId: 'decision-1', taskId: null, answer: '已联系物业维修', proof: null, confirmBy: at(7 * DAY) } },
          notified('completed', 'accepted', '已联系物业维修'),
        ]);
    });

    it('is dispatched by the task, and a redelivered TaskCreated changes nothing', () => {
      spec(decider).given([posted, accepted, decided]).when({ type: 'MarkDispatched', decisionId: 'decision-1', taskId: 'task-1' }).then([dispatched, notified('dispatched', 'accepted')]);
      spec(decider).given([posted, accepted, decided, dispatched]).when({ type: 'MarkDispatched', decisionId: 'decision-1', taskId: 'task-1' }).thenNothing();
    });

    it('goes back to the demand list when dispatch cancels its task, once', () => {
      const returned: WishStreamEvent = { type: 'WishReturned', data: { wishId, taskId: 'task-1', reason: '活动取消' } };
      spec(decider)
        .given([posted, accepted, decided, dispatched])
        .when({ type: 'ReturnToDemand', taskId: 'task-1', reason: '活动取消' })
        .then([returned, notified('accepted', 'dispatched', '活动取消')]);
      expect(fold(decider, [posted, accepted, decided, dispatched, returned])).toMatchObject({ status: 'accepted', decided: false, taskId: null });
      spec(decider).given([posted, accepted, decided, dispatched, returned]).when({ type: 'ReturnToDemand', taskId: 'task-1', reason: 'x' }).thenNothing();
      spec(decider).given([posted, accepted, decided, dispatched]).when({ type: 'ReturnToDemand', taskId: 'task-9', reason: 'x' }).thenNothing();
    });

    it('refuses a task of another decision', () => {
      spec(decider).given([posted, accepted, decided]).when({ type: 'MarkDispatched', decisionId: 'decision-2', taskId: 'task-9' }).thenError('wish_not_in_group');
    });

    it('goes in progress when the volunteer starts, once', () => {
      const started: WishStreamEvent = { type: 'WishInProgress', data: { wishId, taskId: 'task-1', volunteerId: 'v1' } };
      spec(decider).given([posted, accepted, decided, dispatched]).when({ type: 'MarkInProgress', taskId: 'task-1', volunteerId: 'v1' }).then([started, notified('in_progress', 'dispatched')]);
      spec(decider).given([posted, accepted, decided, dispatched, started]).when({ type: 'MarkInProgress', taskId: 'task-1', volunteerId: 'v1' }).thenNothing();
    });

    it('is completed by the task with its proof, once', () => {
      spec(decider)
        .given([posted, accepted, decided, dispatched])
        .when({ type: 'CompleteByTask', decisionId: 'decision-1', taskId: 'task-1', proof })
        .then([completed, notified('completed', 'dispatched', '已更换充电模块')]);
      spec(decider).given([posted, accepted, decided, dispatched, completed]).when({ type: 'CompleteByTask', decisionId: 'decision-1', taskId: 'task-1', proof }).thenNothing();
    });

    it('takes a completion that overtook TaskCreated: dispatched and completed together', () => {
      spec(decider)
        .given([posted, accepted, decided])
        .when({ type: 'CompleteByTask', decisionId: 'decision-1', taskId: 'task-1', proof })
        .then([dispatched, completed, notified('completed', 'accepted', '已更换充电模块')]);
    });
  });

  describe('the author answers', () => {
    const done = [posted, accepted, decided, dispatched, completed];

    it('confirms with a rating, which closes the wish', () => {
      spec(decider)
        .given(done)
        .when({ type: 'ConfirmWish', authorKeyHash, rating: 5, comment: '谢谢' })
        .then([
          { type: 'WishConfirmed', data: { wishId, rating: 5, comment: '谢谢' } },
          { type: 'WishClosed', data: { wishId, reason: 'confirmed' } },
          notified('closed', 'completed'),
        ]);
    });

    it('refuses another key, and a confirmation before completion', () => {
      spec(decider).given(done).when({ type: 'ConfirmWish', authorKeyHash: 'b'.repeat(64), rating: 5, comment: null }).thenError('author_key_invalid');
      spec(decider).given([posted, accepted]).when({ type: 'ConfirmWish', authorKeyHash, rating: 5, comment: null }).thenError('wish_status_conflict');
    });

    it('reopens to the same officer and task with a new deadline', () => {
      const reopened: WishStreamEvent = {
        type: 'WishReopened',
        data: { wishId, reason: '又坏了', streetCode: '330802001', officerId: 'officer-1', decisionId: 'decision-1', taskId: 'task-1', deadline: at(3 * DAY) },
      };
      spec(decider).given(done).when({ type: 'ReopenWish', authorKeyHash, reason: '又坏了' }).then([reopened, notified('dispatched', 'completed', '又坏了')]);
      const state = fold(decider, [...done, reopened]);
      expect(state).toMatchObject({ status: 'dispatched', taskId: 'task-1', deadline: at(3 * DAY) });
    });

    it('returns an answered wish to the demand list when reopened', () => {
      const answered: WishStreamEvent = {
        type: 'WishCompleted',
        data: { wishId, decisionId: 'decision-1', taskId: null, answer: '已答复', proof: null, confirmBy: at(7 * DAY) },
      };
      const events = decider.decide({ type: 'ReopenWish', authorKeyHash, reason: '没解决' }, fold(decider, [posted, accepted, decided, answered]), { now: NOW });
      const state = fold(decider, [posted, accepted, decided, answered, ...(events as WishStreamEvent[])]);
      expect(state).toMatchObject({ status: 'accepted', decided: false });
    });
  });

  describe('deadlines', () => {
    const late = new Date(NOW.getTime() + 4 * DAY);

    it('escalates an overdue wish to the district once per deadline', () => {
      const escalated: WishStreamEvent = {
        type: 'WishEscalated',
        data: { wishId, streetCode: '330802001', districtCode: '330802', reason: 'overdue', deadline: at(3 * DAY), status: 'dispatched' },
      };
      spec(decider, late).given([posted, accepted, decided, dispatched]).when({ type: 'EscalateOverdue' }).then([escalated]);
      spec(decider, late).given([posted, accepted, decided, dispatched, escalated]).when({ type: 'EscalateOverdue' }).thenNothing();
    });

    it('does not escalate before the deadline, nor a completed wish', () => {
      spec(decider).given([posted, accepted]).when({ type: 'EscalateOverdue' }).thenNothing();
      spec(decider, late).given([posted, accepted, decided, dispatched, completed]).when({ type: 'EscalateOverdue' }).thenNothing();
    });

    it('escalates an unmoderated wish after the moderation window', () => {
      spec(decider, late).given([posted]).when({ type: 'EscalateOverdue' }).then([
        { type: 'WishEscalated', data: { wishId, streetCode: '330802001', districtCode: '330802', reason: 'overdue', deadline: at(3 * DAY), status: 'submitted' } },
      ]);
    });

    it('escalates when dispatch found no volunteer for its task only', () => {
      const events = decider.decide({ type: 'EscalateNoVolunteer', taskId: 'task-1' }, fold(decider, [posted, accepted, decided, dispatched]), { now: NOW });
      expect(events).toEqual([expect.objectContaining({ type: 'WishEscalated', data: expect.objectContaining({ reason: 'no_volunteer' }) })]);
      spec(decider).given([posted, accepted, decided, dispatched]).when({ type: 'EscalateNoVolunteer', taskId: 'task-2' }).thenNothing();
    });

    it('closes a completed wish the author never confirmed', () => {
      spec(decider, new Date(NOW.getTime() + 8 * DAY))
        .given([posted, accepted, decided, dispatched, completed])
        .when({ type: 'CloseUnconfirmed' })
        .then([{ type: 'WishClosed', data: { wishId, reason: 'not_confirmed_in_time' } }, notified('closed', 'completed', '逾期未确认，自动关闭')]);
      spec(decider).given([posted, accepted, decided, dispatched, completed]).when({ type: 'CloseUnconfirmed' }).thenNothing();
    });
  });
});
