import type { OfficerTokenMinter } from '@ws/kernel';
import { eventually } from '@ws/testing';
import { loadDispatchDemo, serveDemoInvitations } from '../apps/dispatch/src/demo/load-dispatch-demo';
import { finishWishesDemo, loadWishesDemo, startWishTrickle } from '../apps/wishes/src/demo/load-wishes-demo';
import type { DemoStation } from '../apps/wishes/src/demo/load-wishes-demo';
import { LoopCluster } from '../apps/wishes/src/testing/loop-cluster';

interface Figure {
  key: string;
  value: number;
}

/**
 * The demo loaders npm start runs, against the wishes and dispatch services as built processes:
 * they leave wishes in every state, volunteers, rotas, hours and street reports, and a second run
 * adds nothing.
 */
describe('wishes and dispatch demo loaders (built processes, real Postgres and NATS)', () => {
  let cluster: LoopCluster;
  let stations: DemoStation[];
  let options: { districtCode: string; officerTokens: OfficerTokenMinter; stations: DemoStation[] };

  beforeAll(async () => {
    cluster = new LoopCluster();
    await cluster.start('wishes');
    await cluster.start('dispatch');
    const announced = [
      await cluster.registerStation({ tier: 'street', communityCode: null, name: '第一街道工会驿站' }),
      ...(await Promise.all([1, 2, 3].map((i) => cluster.registerStation({ communityCode: `${cluster.street}00${i}`, name: `社区微站${i}号` })))),
      ...(await Promise.all([1, 2].map((i) => cluster.registerStation({ streetCode: cluster.otherStreet, communityCode: `${cluster.otherStreet}00${i}`, name: `二街社区微站${i}号` })))),
    ];
    stations = announced.map((s) => ({ stationId: s.stationId, streetCode: s.streetCode, communityCode: s.communityCode, tier: s.tier, location: s.location }));
    options = { districtCode: cluster.code, officerTokens: cluster.officerTokens, stations };
  }, 300_000);

  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  const stats = async (service: 'wishes' | 'dispatch') => (await cluster.ok(service, 'GET', '/stats')) as Record<string, Figure[]>;
  const values = (rows: Figure[]) => Object.fromEntries(rows.map((f) => [f.key, f.value]));

  async function loadEverything() {
    const dispatch = await loadDispatchDemo({ ...options, dispatchUrl: cluster.url('dispatch') });
    const wishes = await loadWishesDemo({ ...options, wishesUrl: cluster.url('wishes') });
    const served = await serveDemoInvitations({ ...options, dispatchUrl: cluster.url('dispatch'), withinMs: 60_000 });
    // The completions reach the wishes service through the bus.
    await eventually(async () => values((await stats('wishes'))['figures']!)['completed']! >= served.completed, { what: 'completions on the wish board', timeoutMs: 60_000 });
    const finished = await finishWishesDemo({ ...options, wishesUrl: cluster.url('wishes') });
    return { dispatch, wishes, served, finished };
  }

  it('loads volunteers, rotas, hours, wishes in every state and street reports', async () => {
    const { dispatch, wishes, served, finished } = await loadEverything();
    expect(dispatch).toMatchObject({ volunteers: 5 * 3 + 2 * 7, registered: 29, shiftsScheduled: 5 * 10 * 2 });
    expect(dispatch.hoursRecorded).toBeGreaterThan(0);
    expect(wishes).toMatchObject({ wishes: 15, reports: 36 });
    expect(wishes.decisions).toBeGreaterThan(0);
    expect(served.accepted).toBeGreaterThan(0);
    expect(served.completed).toBeGreaterThan(0);
    expect(finished.confirmed + finished.reopened).toBeGreaterThan(0);

    const wishStats = await eventually(async () => {
      const current = await stats('wishes');
      const byStatus = values(current['byStatus']!);
      return Object.values(byStatus).every((n) => n > 0) ? current : undefined;
    }, { what: 'wishes in every state', timeoutMs: 60_000 });
    expect(values(wishStats['figures']!)).toMatchObject({ total: 15, reports: 36 });
    expect(values(wishStats['figures']!)['reportsValid']).toBeGreaterThan(0);
    const dispatchStats = values((await stats('dispatch'))['figures']!);
    expect(dispatchStats).toMatchObject({ volunteers: 29 });
    expect(dispatchStats['hoursThisMonth']).toBeGreaterThan(0);
    expect(dispatchStats['tasksCompleted']).toBeGreaterThan(0);
  }, 240_000);

  it('adds nothing when it runs again', async () => {
    const before = { wishes: await stats('wishes'), dispatch: await stats('dispatch') };
    const again = await loadEverything();
    expect(again.dispatch).toMatchObject({ registered: 0, shiftsScheduled: 0, hoursRecorded: 0 });
    expect(again.wishes).toMatchObject({ accepted: 0, declined: 0, merged: 0, decisions: 0 });
    expect(again.served).toEqual({ declined: 0, accepted: 0, started: 0, completed: 0 });
    expect(again.finished).toEqual({ confirmed: 0, reopened: 0 });
    expect(await stats('wishes')).toEqual(before.wishes);
    expect(values((await stats('dispatch'))['figures']!)).toEqual(values(before.dispatch['figures']!));
  }, 240_000);

  it('trickles a new wish every few seconds until stopped', async () => {
    const total = async () => values((await stats('wishes'))['figures']!)['total']!;
    const start = await total();
    const stop = startWishTrickle({ ...options, wishesUrl: cluster.url('wishes'), everyMs: 300 });
    await eventually(async () => (await total()) >= start + 2, { what: 'trickled wishes', timeoutMs: 20_000 });
    stop();
    // A wish posted just before the stop may still be on its way to the read model: nothing says when
    // the last one has landed, so a second passes before the count that must then hold still.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const stopped = await total();
    // Nothing may come during this second: the trickle has stopped.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await total()).toBe(stopped);
  }, 60_000);
});
