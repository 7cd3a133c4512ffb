import { ANSWER_WITHIN_MS, OUTAGE_SERVICES, OutageRig, type OutageFigures, type OutageTarget, type LoadFigures } from './outage-rig';

const OUTAGE_MS = 30_000;
const DECISIONS_PER_OUTAGE = 4;

/**
 * Postgres away for 30 s (packets dropped: the proxy holds every connection), for 10 s with
 * every connection reset, then nats-server away for 30 s (connections reset), while riders keep checking in at a station and street
 * officers' decisions arrive on the bus. Built stations, membership and dispatch processes reach
 * both only through libs/testing's FaultProxy. During each outage every /health is red and
 * answers within 2 s, every check-in is answered within its deadline; after it, /health turns
 * green and everything accepted comes out exactly once: the check-ins on the bus, a point per
 * check-in (membership's reaction), a task per decision (dispatch's reaction), the outboxes empty.
 */
describe('outages: Postgres and NATS away under a check-in load (built processes behind fault proxies)', () => {
  let rig: OutageRig;
  /** Every load's keys so far: the stream holds all the tests' check-ins. */
  const accepted = new Set<string>();
  const unsettled = new Set<string>();

  beforeAll(async () => {
    rig = await OutageRig.start();
  }, 300_000);

  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  /**
   * Riders checking in through an outage, a stretch of load before it and `loadAfterMs` after it
   * (not a wait for something: the test is about answers under load over time); then the load
   * stopped and everything it left drained.
   */
  async function loadThroughOutage(target: OutageTarget, mode: 'cut' | 'hold', outageMs: number, loadAfterMs: number): Promise<{ outage: OutageFigures; load: LoadFigures }> {
    rig.startLoad(4, 50);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const outage = await rig.outage(target, mode, outageMs, DECISIONS_PER_OUTAGE);
    await new Promise((resolve) => setTimeout(resolve, loadAfterMs));
    const load = await rig.stopLoad();
    await rig.drained(load.accepted, { outboxesEmpty: true });
    return { outage, load };
  }

  /** Every /health red while away and quick to say so; every check-in answered within its deadline. */
  function expectAnsweredThroughout(outage: OutageFigures, load: LoadFigures) {
    expectRedWhileAway(outage);
    expect(load.slowestMs).toBeLessThan(ANSWER_WITHIN_MS);
    expect(load.statuses.get('no answer') ?? 0).toBe(0);
  }

  function expectRedWhileAway(outage: OutageFigures) {
    for (const service of OUTAGE_SERVICES) {
      const seen = outage.healthDuring[service];
      expect({ service, red: seen.statuses.some((s) => s === 503) }).toEqual({ service, red: true });
      expect({ service, green: seen.statuses.filter((s) => s === 200).length }).toEqual({ service, green: 0 });
      expect(seen.slowestMs).toBeLessThan(2_500);
    }
  }

  async function expectNothingLostNorDoubled(load: LoadFigures) {
    for (const key of load.accepted) accepted.add(key);
    for (const key of load.unsettled) unsettled.add(key);
    const keys = await rig.visitKeysOnStream();
    expect(keys.length).toBe(new Set(keys).size);
    const onStream = new Set(keys);
    expect([...accepted].filter((k) => !onStream.has(k))).toEqual([]);
    expect([...onStream].filter((k) => !accepted.has(k) && !unsettled.has(k))).toEqual([]);

    const points = await rig.points();
    expect(points.balance).toBe(onStream.size);

    const tasks = (await rig.tasksOnStream()).map((t) => t.taskId);
    expect(tasks.length).toBe(new Set(tasks).size);
    expect(new Set(tasks)).toEqual(new Set(rig.expectedTaskIds()));
    for (const service of OUTAGE_SERVICES) expect({ service, outbox: await rig.outboxRows(service) }).toEqual({ service, outbox: 0 });
    // Nothing was set aside on the way: a parked message or a dead letter would keep /health red.
    expect(Object.values(await rig.health()).map((h) => h.status)).toEqual([200, 200, 200]);
  }

  it('Postgres held for 30 s: red during, green after, every check-in, point and task once', async () => {
    const { outage, load } = await loadThroughOutage('postgres', 'hold', OUTAGE_MS, 3_000);

    expectAnsweredThroughout(outage, load);
    expect([...load.statuses.keys()].filter((s) => s !== 201 && s !== 200 && s !== 503)).toEqual([]);
    expect(load.statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(load.accepted.size).toBeGreaterThan(20);
    await expectNothingLostNorDoubled(load);
  }, 420_000);

  it('Postgres cut for 10 s (connections reset under queries): no process dies, every check-in, point and task once', async () => {
    const pids = rig.pids();
    const { outage, load } = await loadThroughOutage('postgres', 'cut', 10_000, 0);

    expect(rig.pids()).toEqual(pids);
    expect(rig.exited()).toEqual([]);
    expectAnsweredThroughout(outage, load);
    expect([...load.statuses.keys()].filter((s) => s !== 201 && s !== 200 && s !== 503)).toEqual([]);
    await expectNothingLostNorDoubled(load);
  }, 420_000);

  it('NATS cut for 30 s: check-ins go on into the outbox, red during, green after, every check-in, point and task once', async () => {
    const before = (await rig.visitKeysOnStream()).length;
    const { outage, load } = await loadThroughOutage('nats', 'cut', OUTAGE_MS, 3_000);

    expectAnsweredThroughout(outage, load);
    // Writes need Postgres only: the check-ins during the outage were all accepted.
    expect([...load.statuses.keys()].filter((s) => s !== 201 && s !== 200)).toEqual([]);
    expect(load.unsettled.size).toBe(0);
    expect((await rig.visitKeysOnStream()).length - before).toBe(load.accepted.size);
    await expectNothingLostNorDoubled(load);
  }, 420_000);
});
