import { spec } from '@ws/testing';
import { DemandCommand, demandDecider } from './demand.decider';

const NOW = new Date('2026-06-01T02:00:00.000Z');
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();

const individual: DemandCommand = {
  type: 'DecideDispatch',
  decisionId: 'decision-1',
  streetCode: '330802001',
  category: 'repair',
  mode: 'individual_tasks',
  wishStations: [
    { wishId: 'w1', stationId: 's1' },
    { wishId: 'w2', stationId: 's2' },
  ],
  title: ' 充电桩维修 ',
  activity: null,
  answer: null,
  deadline: inDays(2),
  officerId: 'officer-1',
};
const activity: DemandCommand = {
  ...individual,
  category: 'first_aid_training',
  mode: 'activity',
  title: '骑手急救培训',
  activity: { stationId: 's1', date: inDays(10), seats: 30, title: '骑手急救培训' },
};

describe('demand decider', () => {
  it('decides individual tasks for the group, listing the wishes and their stations', () => {
    spec(demandDecider, NOW)
      .given([])
      .when(individual)
      .then([
        {
          type: 'DemandDispatchDecided',
          data: {
            decisionId: 'decision-1',
            streetCode: '330802001',
            category: 'repair',
            mode: 'individual_tasks',
            wishIds: ['w1', 'w2'],
            wishStations: individual.wishStations,
            title: '充电桩维修',
            activity: null,
            answer: null,
            deadline: inDays(2),
            officerId: 'officer-1',
          },
        },
      ]);
  });

  it('decides once', () => {
    const decided = demandDecider.decide(individual, demandDecider.initialState(), { now: NOW });
    if (!Array.isArray(decided)) throw decided;
    spec(demandDecider, NOW).given(decided).when(individual).thenError('decision_exists');
  });

  it('requires an activity in the future with enough seats', () => {
    spec(demandDecider, NOW).given([]).when(activity).then([expect.objectContaining({ type: 'DemandDispatchDecided' })]);
    spec(demandDecider, NOW).given([]).when({ ...activity, activity: null }).thenError('decision_invalid', 'activity');
    spec(demandDecider, NOW).given([]).when({ ...activity, activity: { ...activity.activity!, date: inDays(-1) } }).thenError('decision_invalid', 'activity.date');
    spec(demandDecider, NOW).given([]).when({ ...activity, activity: { ...activity.activity!, seats: 1 } }).thenError('decision_invalid', 'activity.seats');
  });

  it('requires an answer for answer_only and nothing else', () => {
    spec(demandDecider, NOW).given([]).when({ ...individual, mode: 'answer_only' }).thenError('decision_invalid', 'answer');
    spec(demandDecider, NOW).given([]).when({ ...individual, answer: '已答复' }).thenError('decision_invalid', 'mode');
  });

  it('refuses no wishes, duplicates, a past deadline and an empty title', () => {
    spec(demandDecider, NOW).given([]).when({ ...individual, wishStations: [] }).thenError('decision_invalid', 'wishIds');
    spec(demandDecider, NOW).given([]).when({ ...individual, wishStations: [individual.wishStations[0]!, individual.wishStations[0]!] }).thenError('decision_invalid', 'wishIds');
    spec(demandDecider, NOW).given([]).when({ ...individual, deadline: inDays(-1) }).thenError('decision_invalid', 'deadline');
    spec(demandDecider, NOW).given([]).when({ ...individual, deadline: 'not a date' }).thenError('decision_invalid', 'deadline');
    spec(demandDecider, NOW).given([]).when({ ...individual, title: '  ' }).thenError('decision_invalid', 'title');
  });
});
