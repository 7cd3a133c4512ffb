import { Client } from 'pg';
import type { DemandDispatchDecided } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { eventually } from '@ws/testing';
import { ProcessNode } from '@ws/testing/process-federation';

const BEFORE_KILL = 30;
const WHILE_DEAD = 10;

/** The built service as a real process, SIGKILLed in the middle of a burst of dispatch decisions. */
describe('dispatch process killed mid-flow (built dist, real Postgres and NATS)', () => {
  const node = new ProcessNode<'dispatch'>({ env: { dispatch: { LOG_LEVEL: 'error', DISPATCH_SWEEP_MS: '200' } } });
  const street = `${node.code}001`;
  let pg: Client;

  function decision(index: number): DemandDispatchDecided['data'] {
    const wishId = newId();
    return {
      decisionId: newId(),
      streetCode: street,
      category: 'health_check',
      mode: 'individual_tasks',
      wishIds: [wishId],
      wishStations: [{ wishId, stationId: newId() }],
      title: `体检需求 ${index}`,
      activity: null,
      answer: null,
      deadline: new Date(Date.now() + 72 * 3600_000).toISOString(),
      officerId: 'officer-1',
    };
  }

  const publishDecision = (data: DemandDispatchDecided['data']) => node.publish('wishes', 'demand', data.decisionId, 'DemandDispatchDecided', data);

  const count = async (query: string) => Number((await pg.query<{ n: string }>(query)).rows[0]!.n);

  beforeAll(async () => {
    await node.start('dispatch');
    pg = new Client({ connectionString: node.databaseUrl('dispatch') });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await node.close();
  });

  it('creates every task exactly once, whatever was in flight when the process died', async () => {
    const officer = await node.token('district_officer', { subject: 'e2e-officer' });
    for (let i = 0; i < 3; i++) {
      const registered = await node.http('dispatch', 'POST', '/volunteers', {
        token: officer,
        body: {
          name: `医生${i}`,
          mobile: `1390000${String(1000 + i)}`,
          type: 'professional',
          skills: [{ skill: 'doctor', certificateRef: `lic-${i}` }],
          homeStreet: street,
          availability: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })),
        },
      });
      expect(registered.status).toBe(201);
    }
    await eventually(async () => (await count('select count(*) as n from volunteer_board')) === 3, { what: 'volunteer board' });

    for (let i = 0; i < BEFORE_KILL; i++) await publishDecision(decision(i));
    await eventually(async () => (await count(`select count(*) as n from events where type = 'TaskCreated'`)) >= 3, { what: 'first tasks' });
    await node.kill('dispatch');
    const createdAtKill = await count(`select count(*) as n from events where type = 'TaskCreated'`);

    for (let i = 0; i < WHILE_DEAD; i++) await publishDecision(decision(BEFORE_KILL + i));
    await node.restart('dispatch');

    const total = BEFORE_KILL + WHILE_DEAD;
    await eventually(async () => (await count(`select count(*) as n from events where type = 'TaskCreated'`)) === total, { what: `${total} tasks`, timeoutMs: 60_000 });
    expect(createdAtKill).toBeLessThan(total);
    // Every task: one creation, one invitation, versions without gaps.
    const perTask = await pg.query<{ created: string; sent: string; versions: string; last: number }>(`
      select count(*) filter (where type = 'TaskCreated') as created, count(*) filter (where type = 'InvitationSent') as sent,
             count(*) as versions, max(stream_version) as last
      from events where stream_id like 'task-%' group by stream_id`);
    expect(perTask.rows).toHaveLength(total);
    for (const row of perTask.rows) expect([Number(row.created), Number(row.sent), Number(row.versions), Number(row.last)]).toEqual([1, 1, 2, 2]);

    // Everything reached the bus once, and the read model shows every task.
    await eventually(async () => (await count('select count(*) as n from outbox')) === 0, { what: 'outbox drained' });
    expect(await node.streamEvents('dispatch.task.*.TaskCreated')).toHaveLength(total);
    await eventually(async () => (await count(`select count(*) as n from task_board where status = 'open'`)) === total, { what: 'task board' });
  });
});
