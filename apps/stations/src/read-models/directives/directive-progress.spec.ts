import { addFigures, childMeasure, joinMonthPeriods, measure, NO_STATIONS, statusOf, type StationFigures } from './directive-progress';
import { directiveView, type DirectiveFacts } from './directive-view';

const figures = (total: number, compliant = 0, upgraded = 0, reviewed = 0): StationFigures => ({ ...NO_STATIONS, total, compliant, upgraded, reviewed });
const work = (done: Partial<StationFigures>): StationFigures => ({ ...NO_STATIONS, ...done });

describe('directive progress', () => {
  it('counts stations against a station target, all of them against its standard once there are more', () => {
    const goal = { kind: 'station_target' as const, stations: 1260, standard: 'ba_you' as const };
    expect(measure(goal, figures(1000, 630))).toEqual({ target: 1260, current: 630, progress: 0.5 });
    expect(measure(goal, figures(1300, 1270))).toEqual({ target: 1300, current: 1270, progress: 0.9769 });
    expect(measure(goal, figures(1300, 1300)).progress).toBe(1);
    expect(measure({ kind: 'station_target', stations: 90, standard: null }, figures(120, 3))).toEqual({ target: 90, current: 120, progress: 1 });
  });

  it('measures a standard and a review campaign over all open stations, upgrades against the number asked', () => {
    expect(measure({ kind: 'adopt_standard', standard: 'ba_you' }, figures(8, 2))).toEqual({ target: 8, current: 2, progress: 0.25 });
    expect(measure({ kind: 'adopt_standard', standard: 'ba_you' }, figures(0))).toEqual({ target: 0, current: 0, progress: 0 });
    expect(measure({ kind: 'review_campaign', year: 2026 }, figures(4, 0, 0, 3))).toEqual({ target: 4, current: 3, progress: 0.75 });
    expect(measure({ kind: 'upgrade_target', stations: 120, standard: null }, figures(500, 0, 30))).toEqual({ target: 120, current: 30, progress: 0.25 });
  });

  it('gives a child a target only where the goal is all of its own stations', () => {
    expect(childMeasure({ kind: 'adopt_standard', standard: 'ba_you' }, figures(5, 2))).toEqual({ current: 2, target: 5 });
    expect(childMeasure({ kind: 'review_campaign', year: 2026 }, figures(5, 0, 0, 1))).toEqual({ current: 1, target: 5 });
    expect(childMeasure({ kind: 'station_target', stations: 1260, standard: 'ba_you' }, figures(5, 2))).toEqual({ current: 2 });
    expect(childMeasure({ kind: 'upgrade_target', stations: 10, standard: null }, figures(5, 0, 4))).toEqual({ current: 4 });
  });

  it('counts activities held and people reached against the numbers asked; a child shows what it contributes', () => {
    expect(measure({ kind: 'activity_target', activities: 30, since: null }, work({ activities: 12, participants: 700 }))).toEqual({ target: 30, current: 12, progress: 0.4 });
    expect(measure({ kind: 'reach_target', people: 1500, since: null }, work({ activities: 12, participants: 1800 }))).toEqual({ target: 1500, current: 1800, progress: 1 });
    expect(childMeasure({ kind: 'activity_target', activities: 30, since: null }, work({ activities: 5 }))).toEqual({ current: 5 });
    expect(childMeasure({ kind: 'reach_target', people: 1500, since: null }, work({ participants: 260 }))).toEqual({ current: 260 });
    expect(addFigures(work({ activities: 2, participants: 260 }), work({ activities: 1, participants: 400, programmePeople: 3 }))).toEqual(work({ activities: 3, participants: 660, programmePeople: 3 }));
  });

  it('holds a health-check target back until new-form workers are the share asked of everyone checked', () => {
    const goal = { kind: 'health_check_target' as const, people: 1000, minNewFormSharePercent: 20, since: null };
    // Half the checks, 120 new-form of the 200 the target needs: the lesser ratio.
    expect(measure(goal, work({ programmePeople: 500, programmeNewForm: 120 }))).toEqual({
      target: 1000, current: 500, progress: 0.5, rule: { minNewFormSharePercent: 20, newFormPeople: 120, newFormSharePercent: 24, met: true },
    });
    // Every check done but only 10 % new-form: not met.
    expect(measure(goal, work({ programmePeople: 1000, programmeNewForm: 100 }))).toMatchObject({ current: 1000, progress: 0.5, rule: { newFormSharePercent: 10, met: false } });
    // 1 500 checked need 300 new-form workers, not 200.
    expect(measure(goal, work({ programmePeople: 1500, programmeNewForm: 250 })).progress).toBe(0.8333);
    expect(measure(goal, work({ programmePeople: 1500, programmeNewForm: 300 })).progress).toBe(1);
    // Without a rule only the count matters.
    expect(measure({ ...goal, minNewFormSharePercent: 0 }, work({ programmePeople: 1000 })).progress).toBe(1);
    expect(childMeasure(goal, work({ programmePeople: 300, programmeNewForm: 30 }))).toEqual({
      current: 300, rule: { minNewFormSharePercent: 20, newFormPeople: 30, newFormSharePercent: 10, met: false },
    });
    expect(statusOf(false, measure(goal, work({ programmePeople: 1000, programmeNewForm: 100 })).progress, '2026-12-31', '2026-06-01')).toBe('open');
  });

  it('measures a programme target of any kind like a health-check target, and an old health-check target as one of health checks', () => {
    const childcare = { kind: 'programme_target' as const, programme: 'summer_childcare' as const, people: 8000, minNewFormSharePercent: 0, since: null };
    expect(measure(childcare, work({ programmePeople: 2000 }))).toEqual({
      target: 8000, current: 2000, progress: 0.25, rule: { minNewFormSharePercent: 0, newFormPeople: 0, newFormSharePercent: 0, met: true },
    });
    expect(childMeasure(childcare, work({ programmePeople: 400 }))).toMatchObject({ current: 400 });
    const checks = { people: 1000, minNewFormSharePercent: 20, since: null };
    const served = work({ programmePeople: 1500, programmeNewForm: 250 });
    expect(measure({ kind: 'programme_target', programme: 'health_check', ...checks }, served)).toEqual(measure({ kind: 'health_check_target', ...checks }, served));
  });

  it('counts new members against a members target; a child shows the members it gained', () => {
    const goal = { kind: 'members_target' as const, members: 300, since: null };
    expect(measure(goal, work({ membersJoined: 120 }))).toEqual({ target: 300, current: 120, progress: 0.4 });
    expect(measure(goal, work({ membersJoined: 310 }))).toEqual({ target: 300, current: 310, progress: 1 });
    expect(childMeasure(goal, work({ membersJoined: 45, total: 3 }))).toEqual({ current: 45 });
    expect(addFigures(work({ membersJoined: 45 }), work({ membersJoined: 75, activities: 1 }))).toEqual(work({ membersJoined: 120, activities: 1 }));
  });

  it('measures the coverage share against a coverage target: whole percent shown, the exact share for progress; every child against the same share', () => {
    const goal = { kind: 'coverage_target' as const, sharePercent: 90 };
    // 8 999 of 10 000 workers within reach is 89.99 %: shown as 89, not yet met.
    expect(measure(goal, work({ workers: 10_000, coveredWorkers: 8_999 }))).toEqual({ target: 90, current: 89, progress: 0.9999, coverage: { workers: 10_000, coveredWorkers: 8_999 } });
    expect(measure(goal, work({ workers: 10_000, coveredWorkers: 9_000 }))).toEqual({ target: 90, current: 90, progress: 1, coverage: { workers: 10_000, coveredWorkers: 9_000 } });
    expect(measure(goal, work({ workers: 200, coveredWorkers: 90 }))).toEqual({ target: 90, current: 45, progress: 0.5, coverage: { workers: 200, coveredWorkers: 90 } });
    // No worker on the map: nothing measured yet.
    expect(measure(goal, work({ total: 12 }))).toEqual({ target: 90, current: 0, progress: 0, coverage: { workers: 0, coveredWorkers: 0 } });
    expect(childMeasure(goal, work({ workers: 400, coveredWorkers: 380, total: 3 }))).toEqual({ current: 95, target: 90, coverage: { workers: 400, coveredWorkers: 380 } });
    expect(addFigures(work({ workers: 400, coveredWorkers: 380 }), work({ workers: 600, coveredWorkers: 300 }))).toEqual(work({ workers: 1_000, coveredWorkers: 680 }));
  });

  it('asks membership for whole join months, a year at most each, without overlap', () => {
    expect(joinMonthPeriods('2026-01-01', '2026-12-31')).toEqual([{ from: '2026-01-01', to: '2026-12-31' }]);
    expect(joinMonthPeriods('2026-06-15', '2026-07-02')).toEqual([{ from: '2026-06-15', to: '2026-07-02' }]);
    // From the middle of March last year: March to February, then March on (each month once).
    expect(joinMonthPeriods('2025-03-15', '2026-12-07')).toEqual([
      { from: '2025-03-15', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-12-07' },
    ]);
    expect(joinMonthPeriods('2026-12-08', '2026-12-07')).toEqual([]);
  });

  it('is withdrawn, met, overdue after the deadline day, or open', () => {
    expect(statusOf(true, 1, '2026-12-31', '2026-06-01')).toBe('withdrawn');
    expect(statusOf(false, 1, '2026-01-01', '2026-06-01')).toBe('met');
    expect(statusOf(false, 0.5, '2026-05-31', '2026-06-01')).toBe('overdue');
    expect(statusOf(false, 0.5, '2026-06-01', '2026-06-01')).toBe('open');
  });
});

describe('directive view', () => {
  const facts: DirectiveFacts = {
    id: 'd1',
    issuerNode: '3308',
    title: '2026年底前驿站≥10个且全部达八有',
    goal: { kind: 'station_target', stations: 10, standard: 'ba_you' },
    children: null,
    deadline: '2026-12-31',
    withdrawn: false,
    withdrawnReason: null,
    issuedAt: new Date('2026-06-01T00:00:00Z'),
  };

  it('sums the subtree, including the issuer own stations, and breaks it down per direct child with receipts', () => {
    const view = directiveView(
      facts,
      new Map([
        ['330802', figures(4, 3)],
        ['330803', figures(2, 0)],
        ['_', figures(1, 1)],
      ]),
      [
        { nodeCode: '330802', receivedAt: new Date('2026-06-01T01:00:00Z'), acknowledgedAt: new Date('2026-06-01T02:00:00Z') },
        { nodeCode: '330803', receivedAt: new Date('2026-06-01T01:00:00Z'), acknowledgedAt: null },
      ],
      new Map(),
      '2026-06-02',
    );
    expect(view).toMatchObject({ target: 10, current: 4, progress: 0.4, status: 'open', scope: 'subtree', stations: { total: 7, compliant: 4 } });
    // 衢州 has six districts: all six are expected to answer, two received it, one acknowledged.
    expect(view.acknowledgements).toEqual({ expected: 6, received: 2, acknowledged: 1 });
    expect(view.children.find((c) => c.code === '330802')).toEqual({
      code: '330802',
      name: '柯城区',
      received: true,
      acknowledged: true,
      acknowledgedAt: '2026-06-01T02:00:00.000Z',
      current: 3,
      stations: 4,
    });
    expect(view.children.find((c) => c.code === '330881')).toMatchObject({ name: '江山市', received: false, current: 0, stations: 0 });
  });

  it('expects only the named children, and shows the standard each has in force for a standard directive', () => {
    const view = directiveView(
      { ...facts, goal: { kind: 'adopt_standard', standard: 'ba_you' }, children: ['330802'] },
      new Map([['330802', figures(4, 4)]]),
      [],
      new Map([['330802', 'ba_you']]),
      '2027-01-01',
    );
    expect(view).toMatchObject({ addressedTo: ['330802'], target: 4, current: 4, progress: 1, status: 'met', acknowledgements: { expected: 1, received: 0, acknowledged: 0 } });
    expect(view.children).toEqual([{ code: '330802', name: '柯城区', received: false, acknowledged: false, acknowledgedAt: null, current: 4, target: 4, standard: 'ba_you', stations: 4 }]);
  });
});
