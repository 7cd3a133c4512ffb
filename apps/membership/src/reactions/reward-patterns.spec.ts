import { DISPATCH_AGGREGATES, DISPATCH_CONTEXT, eventSubject, nodeRef, STATION_EVENT_AGGREGATES, STATIONS_CONTEXT, WISHES_CONTEXT, WISHES_EVENT_AGGREGATES } from '@ws/contracts';
import { RETIRED_DURABLES } from '@ws/messaging';
import { REWARD_EVENT_TYPES, REWARD_PATTERNS, rewardFactOf } from './reward-patterns';

describe('the facts that earn points', () => {
  const node = nodeRef('330802');
  // The subjects the publishing services' relays use: their stream targets from the same contracts.
  const published = {
    reportRewarded: eventSubject(node, WISHES_CONTEXT, WISHES_EVENT_AGGREGATES.ReportRewarded, 'r1', 'ReportRewarded'),
    taskCompleted: eventSubject(node, DISPATCH_CONTEXT, DISPATCH_AGGREGATES.task, 't1', 'TaskCompleted'),
    visitsRecorded: eventSubject(node, STATIONS_CONTEXT, STATION_EVENT_AGGREGATES.VisitsRecorded, 's1', 'VisitsRecorded'),
  };

  it.each(Object.keys(REWARD_PATTERNS) as Array<keyof typeof REWARD_PATTERNS>)('%s: the reaction knows what the publisher sends', (name) => {
    expect(rewardFactOf(published[name])).toBe(name);
  });

  it('and nothing else of the same context', () => {
    expect(rewardFactOf(eventSubject(node, WISHES_CONTEXT, WISHES_EVENT_AGGREGATES.ReportValidated, 'r1', 'ReportValidated'))).toBeUndefined();
    expect(rewardFactOf(eventSubject(node, WISHES_CONTEXT, 'other', 'r1', 'ReportRewarded'))).toBeUndefined();
  });

  it('reads those types and takes over the durable consumers the JetStream transport had made for them', () => {
    expect(REWARD_EVENT_TYPES).toEqual(['ReportRewarded', 'TaskCompleted', 'VisitsRecorded']);
    // The transport named a durable `membership__<context>_<aggregate>_<Type>` after the pattern it read.
    expect(RETIRED_DURABLES.membership).toEqual(Object.values(REWARD_PATTERNS).map((pattern) => `membership__${pattern.replace(/\./g, '_')}`));
  });
});
