import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { Client } from 'pg';
import type { DemandDispatchDecided } from '@ws/contracts';
import { nodeRef } from '@ws/contracts';
import { newId, signToken } from '@ws/kernel';
import { createTestDatabase, NATS_URL, PG_URL, testNodeCode } from '@ws/testing';
import type { TestDatabase } from '@ws/testing';
import { publishEvent } from './testing/publish-event';

const ENTRY = join(__dirname, '..', '..', '..', 'dist', 'apps', 'dispatch', 'main.js');
const SECRET = 'dispatch-e2e-secret-0123456789';
const BEFORE_KILL = 30;
const WHILE_DEAD = 10;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function until<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The built service as a real process, SIGKILLed in the middle of a burst of dispatch decisions. */
describe('dispatch process killed mid-flow (built dist, real Postgres and NATS)', () => {
  const code = testNodeCode();
  const node = nodeRef(code);
  const street = `${code}001`;
  const streams = { evt: `EVT_${code}`, dir: `DIR_${code}` };
  let database: TestDatabase;
  let nc: NatsConnection;
  let pg: Client;
  let port: number;
  let child: ChildProcess | undefined;

  const base = () => `http://127.0.0.1:${port}`;

  async function startProcess(): Promise<void> {
    const env = {
      ...process.env,
      NODE_CODE: code,
      EVT_STREAM: streams.evt,
      DIR_STREAM: streams.dir,
      PG_URL,
      PG_DATABASE: database.name,
      NATS_URL,
      HTTP_PORT: String(port),
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'error',
      DISPATCH_SWEEP_MS: '200',
      REACTION_ACK_WAIT_SECONDS: '3',
    };
    child = spawn(process.execPath, [ENTRY], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    await until(async () => (await fetch(`${base()}/health`)).ok, 'dispatch /health');
  }

  async function killProcess(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  }

  async function post(url: string, token: string | undefined, body: unknown) {
    const response = await fetch(`${base()}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

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

  const publishDecision = (data: DemandDispatchDecided['data']) =>
    publishEvent(nc, { node, context: 'wishes', aggregate: 'demand', aggregateId: data.decisionId, type: 'DemandDispatchDecided', data, occurredAt: new Date() });

  const count = async (query: string) => Number((await pg.query<{ n: string }>(query)).rows[0]!.n);

  beforeAll(async () => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run npm run build first`);
    database = await createTestDatabase('dispatch_e2e');
    nc = await connect({ servers: NATS_URL });
    port = await freePort();
    await startProcess();
    pg = new Client({ connectionString: database.url });
    await pg.connect();
  });

  afterAll(async () => {
    await killProcess();
    await pg?.end();
    const jsm = await jetstreamManager(nc);
    for (const name of [streams.evt, streams.dir]) await jsm.streams.delete(name).catch(() => undefined);
    await nc?.close();
    await database?.drop();
  });

  it('creates every task exactly once, whatever was in flight when the process died', async () => {
    const officer = await signToken(SECRET, { subject: 'e2e-officer', role: 'district_officer', node: code });
    for (let i = 0; i < 3; i++) {
      const registered = await post('/volunteers', officer, {
        name: `医生${i}`,
        mobile: `1390000${String(1000 + i)}`,
        type: 'professional',
        skills: [{ skill: 'doctor', certificateRef: `lic-${i}` }],
        homeStreet: street,
        availability: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })),
      });
      expect(registered.status).toBe(201);
    }
    await until(async () => (await count('select count(*) as n from volunteer_board')) === 3, 'volunteer board');

    for (let i = 0; i < BEFORE_KILL; i++) await publishDecision(decision(i));
    await until(async () => (await count(`select count(*) as n from events where type = 'TaskCreated'`)) >= 3, 'first tasks');
    await killProcess();
    const createdAtKill = await count(`select count(*) as n from events where type = 'TaskCreated'`);

    for (let i = 0; i < WHILE_DEAD; i++) await publishDecision(decision(BEFORE_KILL + i));
    await startProcess();

    const total = BEFORE_KILL + WHILE_DEAD;
    await until(async () => (await count(`select count(*) as n from events where type = 'TaskCreated'`)) === total, `${total} tasks`, 60_000);
    expect(createdAtKill).toBeLessThan(total);
    // Every task: one creation, one invitation, versions without gaps.
    const perTask = await pg.query<{ created: string; sent: string; versions: string; last: number }>(`
      select count(*) filter (where type = 'TaskCreated') as created, count(*) filter (where type = 'InvitationSent') as sent,
             count(*) as versions, max(stream_version) as last
      from events where stream_id like 'task-%' group by stream_id`);
    expect(perTask.rows).toHaveLength(total);
    for (const row of perTask.rows) expect([Number(row.created), Number(row.sent), Number(row.versions), Number(row.last)]).toEqual([1, 1, 2, 2]);

    // Everything reached the bus once, and the read model shows every task.
    await until(async () => (await count('select count(*) as n from outbox')) === 0, 'outbox drained');
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(streams.evt, { subjects_filter: `evt.${node.province}.${node.city}.${node.district}.dispatch.task.*.TaskCreated` });
    expect(Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0)).toBe(total);
    await until(async () => (await count(`select count(*) as n from task_board where status = 'open'`)) === total, 'task board');
  });
});
