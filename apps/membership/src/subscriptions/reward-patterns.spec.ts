import { DISPATCH_AGGREGATES, DISPATCH_CONTEXT, eventSubject, nodeRef, STATION_EVENT_AGGREGATES, STATIONS_CONTEXT, WISHES_CONTEXT, WISHES_EVENT_AGGREGATES } from '@ws/contracts';
import { parseEventPattern, patternSubject } from '@ws/messaging';
import { REWARD_PATTERNS } from './reward-patterns';

/** NATS subject matching: `*` is one token, `>` the rest. */
function matches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (i >= s.length || (f[i] !== '*' && f[i] !== s[i])) return false;
  }
  return f.length === s.length;
}

describe('the facts that earn points', () => {
  const node = nodeRef('330802');
  // The subjects the publishing services' relays use: their stream targets from the same contracts.
  const published = {
    reportRewarded: eventSubject(node, WISHES_CONTEXT, WISHES_EVENT_AGGREGATES.ReportRewarded, 'r1', 'ReportRewarded'),
    taskCompleted: eventSubject(node, DISPATCH_CONTEXT, DISPATCH_AGGREGATES.task, 't1', 'TaskCompleted'),
    visitsRecorded: eventSubject(node, STATIONS_CONTEXT, STATION_EVENT_AGGREGATES.VisitsRecorded, 's1', 'VisitsRecorded'),
  };

  it.each(Object.keys(REWARD_PATTERNS) as Array<keyof typeof REWARD_PATTERNS>)('%s: the subscription’s consumer filter takes what the publisher sends', (name) => {
    const filter = patternSubject(node, parseEventPattern(REWARD_PATTERNS[name]));
    expect(matches(filter, published[name])).toBe(true);
  });

  it('and nothing else of the same context', () => {
    const filter = patternSubject(node, parseEventPattern(REWARD_PATTERNS.reportRewarded));
    expect(matches(filter, eventSubject(node, WISHES_CONTEXT, WISHES_EVENT_AGGREGATES.ReportValidated, 'r1', 'ReportValidated'))).toBe(false);
    expect(matches(filter, eventSubject(nodeRef('330803'), WISHES_CONTEXT, 'report', 'r1', 'ReportRewarded'))).toBe(false);
  });
});
