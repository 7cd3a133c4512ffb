import { Client } from 'pg';
import type { TaskCompleted, TaskCreated } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { eventually } from '@ws/testing';
import { LoopCluster, LOOP_TIMEOUT_MS } from './testing/loop-cluster';

const WISHES = 40;
const BEFORE_KILL = 30;

/**
 * The built wishes service as a real process, SIGKILLed while it reacts to a burst of dispatch's
 * task events (as dispatch's outbox relay would publish them). After the restart every wish is
 * dispatched and completed exactly once: nothing lost, nothing twice.
 */
describe('wishes process killed mid-flow (built dist, real Postgres and NATS)', () => {
  const cluster = new LoopCluster({
    env: { wishes: { LOG_LEVEL: 'error' } },
  });
  let pg: Client;

  beforeAll(async () => {
    await cluster.start('wishes');
    pg = new Client({ connectionString: cluster.databaseUrl('wishes') });
    await pg.connect();
  }, 90_000);

  afterAll(async () => {
    await pg?.end();
    await cluster.close();
  }, 60_000);

  const count = async (query: string, values: unknown[] = []) => Number((await pg.query<{ n: string }>(query, values)).rows[0]!.n);

  it('dispatches and completes every wish exactly once, whatever was in flight when the process died', async () => {
    const station = await cluster.registerStation();
    const manager = await cluster.token('station_manager', { station: station.stationId });
    const officer = await cluster.token('street_officer', { street: cluster.street });
    const wishIds: string[] = [];
    for (let i = 0; i < WISHES; i++) {
      const posted = await eventually(async () => {
        const result = await cluster.http('wishes', 'POST', '/wishes', { body: { stationId: station.stationId, category: 'repair', text: `第 ${i} 个充电桩坏了` } });
        return result.status === 201 ? (result.body as { wishId: string }) : undefined;
      }, { what: 'station known to wishes', timeoutMs: LOOP_TIMEOUT_MS });
      await cluster.ok('wishes', 'POST', `/wishes/${posted.wishId}/accept`, { token: manager });
      wishIds.push(posted.wishId);
    }
    const decision = await cluster.ok('wishes', 'POST', `/streets/${cluster.street}/decisions`, { token: officer, body: { category: 'repair', mode: 'individual_tasks', wishIds } });

    // What dispatch would publish for each wish: its task, then its completion with proof.
    const publishTask = async (wishId: string) => {
      const taskId = newId();
      const created: TaskCreated['data'] = {
        taskId, source: { decisionId: decision.decisionId, wishIds: [wishId] }, streetCode: cluster.street, category: 'repair', requiredSkill: 'repair',
        title: '维修', location: null, stationId: station.stationId, scheduledAt: null, seats: null, deadline: decision.deadline, mode: 'individual',
      };
      const completed: TaskCompleted['data'] = {
        taskId, wishIds: [wishId], decisionId: decision.decisionId, volunteerId: newId(), streetCode: cluster.street, stationId: station.stationId,
        proof: { notes: '已修好', photoRefs: ['photo-fix'], attendees: null }, hours: 1,
      };
      await cluster.publish('dispatch', 'task', taskId, 'TaskCreated', created);
      await cluster.publish('dispatch', 'task', taskId, 'TaskCompleted', completed);
    };
    for (const wishId of wishIds.slice(0, BEFORE_KILL)) await publishTask(wishId);
    await eventually(async () => (await count(`select count(*) as n from events where type = 'WishCompleted'`)) >= 3, { what: 'first completions', timeoutMs: LOOP_TIMEOUT_MS });
    await cluster.kill('wishes');
    const completedAtKill = await count(`select count(*) as n from events where type = 'WishCompleted'`);
    for (const wishId of wishIds.slice(BEFORE_KILL)) await publishTask(wishId);
    await cluster.restart('wishes');

    await eventually(async () => (await count(`select count(*) as n from events where type = 'WishCompleted'`)) === WISHES, { what: `${WISHES} completions`, timeoutMs: 90_000, everyMs: 250 });
    expect(completedAtKill).toBeLessThan(WISHES);
    const perWish = await pg.query<{ dispatched: string; completed: string; versions: string; last: number }>(`
      select count(*) filter (where type = 'WishDispatched') as dispatched, count(*) filter (where type = 'WishCompleted') as completed,
             count(*) as versions, max(stream_version) as last
      from events where stream_id = any($1::text[]) group by stream_id`, [wishIds.map((id) => `wish-${id}`)]);
    expect(perWish.rows).toHaveLength(WISHES);
    for (const row of perWish.rows) {
      expect([Number(row.dispatched), Number(row.completed)]).toEqual([1, 1]);
      expect(Number(row.versions)).toBe(Number(row.last));
    }

    // Everything reached the bus once, and the board shows every wish completed.
    await eventually(async () => (await count('select count(*) as n from outbox')) === 0, { what: 'outbox drained', timeoutMs: LOOP_TIMEOUT_MS });
    expect(await cluster.streamEvents('wishes.wish.*.WishCompleted')).toHaveLength(WISHES);
    await eventually(async () => (await count(`select count(*) as n from wish_board where status = 'completed'`)) === WISHES, { what: 'board caught up', timeoutMs: 30_000 });
  }, 240_000);
});
