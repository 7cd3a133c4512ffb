import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DemandDispatchDecided, TaskCreated, VisitsRecorded } from '@ws/contracts';
import { derivedId, newId } from '@ws/kernel';
import { eventually } from '@ws/testing';
import { ProcessNode } from '@ws/testing/process-federation';
import { applicationFor } from '../apps/membership/src/testing/membership-harness';
import { registerStation } from './registered-station';

/**
 * One synthetic node (@ws/testing's ProcessNode) whose services reach Postgres and nats-server only through fault proxies:
 * stations (public check-ins, the write path and its outbox), membership (points credited from
 * check-ins with a member card: a reaction) and dispatch (a street officer's decision → a task:
 * a reaction). The outage e2e tests and `npm run bench:faults` cut or hold one proxy while the
 * check-ins go on and decisions arrive, then count what came out.
 */
export const OUTAGE_SERVICES = ['stations', 'membership', 'dispatch'] as const;
export type OutageService = (typeof OUTAGE_SERVICES)[number];
export type OutageTarget = 'postgres' | 'nats';

/** A request answered later than this counts as hanging (HTTP_DEADLINE_MS is 10 s). */
export const ANSWER_WITHIN_MS = 12_000;

export interface LoadFigures {
  /** Check-in keys answered 2xx. */
  accepted: Set<string>;
  /** Keys a client was still retrying when the load stopped: they may or may not be in. */
  unsettled: Set<string>;
  statuses: Map<number | 'no answer', number>;
  slowestMs: number;
}

export interface OutageFigures {
  target: OutageTarget;
  mode: 'cut' | 'held';
  outageMs: number;
  /** Per service: the /health statuses seen during the outage and the slowest answer. */
  healthDuring: Record<OutageService, { statuses: number[]; slowestMs: number }>;
  /** From restore() until every service's /health is 200. */
  healToGreenMs: number;
  /** performance.now() at restore(). */
  healedAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class OutageRig extends ProcessNode<OutageService> {
  stationId = '';
  memberCard = '';
  membershipId = '';
  private readonly decisions: DemandDispatchDecided['data'][] = [];
  private decisionEvents: string[] = [];
  private load?: { stop: () => Promise<LoadFigures> };

  static async start(env: Partial<Record<OutageService, Record<string, string>>> = {}): Promise<OutageRig> {
    // A point for every check-in of the load: the day's cap per card is lifted to count them exactly.
    const rig = new OutageRig({ faultProxies: true, env: { ...env, membership: { MEMBERSHIP_POINTS_PER_CHECKIN: '1', MEMBERSHIP_CHECKIN_POINTS_PER_DAY: '1000000', ...env.membership } } });
    try {
      // One at a time: on a shared machine two boots at once can exceed the start's 60 s.
      for (const service of OUTAGE_SERVICES) await rig.start(service);
      await rig.prepare();
      return rig;
    } catch (error) {
      await rig.close();
      throw error;
    }
  }

  /** A station, a union and one active member whose card the check-ins carry. */
  private async prepare(): Promise<void> {
    const token = await this.token('district_officer', { subject: 'outage-test' });
    this.stationId = await registerStation(this.url('stations'), token);
    const union = await eventually(async () => (await this.http('membership', 'POST', '/unions', { token, body: { name: '柯城区外卖配送行业联合工会', kind: 'joint', occupations: ['rider'] } })).body?.unionId as string | undefined, { what: 'union created' });
    const submitted = await this.ok('membership', 'POST', '/applications', { body: applicationFor(Math.floor(Math.random() * 90_000), union) });
    const approved = await this.ok('membership', 'POST', `/applications/${submitted.applicationId}/approve`, { token });
    this.membershipId = approved.membershipId;
    this.memberCard = approved.cardNumber;
  }

  /**
   * `clients` riders checking in with the member's card, each retrying its key (the idempotency
   * key) until it is answered 2xx, as the worker pages do; `pauseMs` between check-ins.
   */
  startLoad(clients: number, pauseMs: number): LoadFigures {
    const figures: LoadFigures = { accepted: new Set(), unsettled: new Set(), statuses: new Map(), slowestMs: 0 };
    let running = true;
    const count = (status: number | 'no answer') => figures.statuses.set(status, (figures.statuses.get(status) ?? 0) + 1);
    const client = async () => {
      while (running) {
        const key = randomUUID();
        figures.unsettled.add(key);
        for (;;) {
          const started = performance.now();
          try {
            const { status } = await this.http('stations', 'POST', `/stations/${this.stationId}/checkins`, {
              body: { key, occupation: 'rider', memberCard: this.memberCard },
              timeoutMs: 30_000,
            });
            count(status);
            if (status >= 200 && status < 300) {
              figures.unsettled.delete(key);
              figures.accepted.add(key);
            }
          } catch {
            count('no answer');
          }
          figures.slowestMs = Math.max(figures.slowestMs, performance.now() - started);
          if (figures.accepted.has(key) || !running) break;
          await sleep(250);
        }
        await sleep(pauseMs);
      }
    };
    const all = Array.from({ length: clients }, () => client());
    this.load = {
      stop: async () => {
        running = false;
        await Promise.all(all);
        return figures;
      },
    };
    return figures;
  }

  stopLoad(): Promise<LoadFigures> {
    const load = this.load;
    this.load = undefined;
    if (!load) throw new Error('no load running');
    return load.stop();
  }

  /** A street officer's decision as the wishes service publishes it (straight on the bus, not through the proxy). */
  async publishDecision(): Promise<void> {
    const wishId = newId();
    const data: DemandDispatchDecided['data'] = {
      decisionId: newId(), streetCode: `${this.code}001`, category: 'repair', mode: 'individual_tasks',
      wishIds: [wishId], wishStations: [{ wishId, stationId: this.stationId }], title: '驿站微波炉维修',
      activity: null, answer: null, deadline: new Date(Date.now() + 48 * 3600_000).toISOString(), officerId: 'outage-officer',
    };
    const envelope = await this.publish('wishes', 'demand', data.decisionId, 'DemandDispatchDecided', data);
    this.decisions.push(data);
    this.decisionEvents.push(envelope.eventId);
  }

  /** Every service's /health: its status and how long it took (no answer within 5 s: 0). */
  async health(): Promise<Record<OutageService, { status: number; ms: number }>> {
    const entries = await Promise.all(
      OUTAGE_SERVICES.map(async (service) => {
        const started = performance.now();
        const status = await this.http(service, 'GET', '/health', { timeoutMs: 5_000 }).then(
          (r) => r.status,
          () => 0,
        );
        return [service, { status, ms: performance.now() - started }] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<OutageService, { status: number; ms: number }>;
  }

  /**
   * Takes `target` away for `outageMs` (`cut`: connections reset, `hold`: packets dropped),
   * publishing `decisions` decisions meanwhile and polling /health; then restores it and waits
   * until every /health is green.
   */
  async outage(target: OutageTarget, mode: 'cut' | 'hold', outageMs: number, decisions: number): Promise<OutageFigures> {
    const proxy = target === 'postgres' ? this.faults.pg : this.faults.nats;
    const healthDuring = Object.fromEntries(OUTAGE_SERVICES.map((s) => [s, { statuses: [] as number[], slowestMs: 0 }])) as OutageFigures['healthDuring'];
    const started = performance.now();
    if (mode === 'cut') proxy.cut();
    else proxy.hold();
    for (let i = 0; i < decisions; i++) await this.publishDecision();
    while (performance.now() - started < outageMs) {
      const seen = await this.health();
      for (const service of OUTAGE_SERVICES) {
        healthDuring[service].statuses.push(seen[service].status);
        healthDuring[service].slowestMs = Math.max(healthDuring[service].slowestMs, seen[service].ms);
      }
      await sleep(1_000);
    }
    proxy.restore();
    const healed = performance.now();
    await eventually(async () => Object.values(await this.health()).every((h) => h.status === 200), { what: 'every /health green after the outage', timeoutMs: 120_000, everyMs: 200 });
    return { target, mode: mode === 'cut' ? 'cut' : 'held', outageMs: healed - started, healthDuring, healToGreenMs: performance.now() - healed, healedAt: healed };
  }

  /** The check-in keys on the node's stream, in order (one entry per copy). */
  async visitKeysOnStream(): Promise<string[]> {
    const events = await this.streamEvents(`stations.checkins.${this.stationId}.>`);
    return events.flatMap((e) => (e.data as VisitsRecorded['data']).visits.map((v) => v.key));
  }

  /** The tasks dispatch created on the stream (one entry per copy). */
  async tasksOnStream(): Promise<TaskCreated['data'][]> {
    return (await this.streamEvents('dispatch.task.*.TaskCreated')).map((e) => e.data as TaskCreated['data']);
  }

  /** The task ids the decisions published so far must produce, exactly. */
  expectedTaskIds(): string[] {
    return this.decisions.map((d, i) => derivedId(this.decisionEvents[i]!, `task:${d.wishIds[0]}`));
  }

  /** The member's balance (GET /members/:id/points: the balance and the newest entries' page). */
  async points(): Promise<{ balance: number }> {
    return this.ok('membership', 'GET', `/members/${this.membershipId}/points`, { token: await this.token('district_officer', { subject: 'outage-test' }) });
  }

  /** Rows still in a service's outbox (its own database, reached directly). */
  async outboxRows(service: OutageService): Promise<number> {
    const client = new Client({ connectionString: this.databaseUrl(service) });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>('select count(*) as n from outbox')).rows[0]!.n);
    } finally {
      await client.end();
    }
  }

  /**
   * Waits until everything in `accepted` has come out: each check-in on the stream and credited
   * (a point per check-in, credited in stream order), a task per decision, and — with
   * `outboxesEmpty` (no load running) — every check-in credited and every outbox empty.
   */
  // The wait is for the backlog of a loaded machine (a whole test suite beside it), not a speed
  // figure (bench:faults measures recovery); each probe reads the node's whole stream and the
  // member's whole account, so it looks once a second, not to slow what it waits for.
  async drained(accepted: ReadonlySet<string>, options: { outboxesEmpty: boolean }, timeoutMs = 240_000): Promise<void> {
    const tasks = new Set(this.expectedTaskIds());
    // Each unmet condition is thrown with its numbers, so a timeout names what stayed behind.
    const behind = (what: string) => {
      throw new Error(what);
    };
    await eventually(
      async () => {
        const ordered = await this.visitKeysOnStream();
        const keys = new Set(ordered);
        const missing = [...accepted].filter((k) => !keys.has(k)).length;
        if (missing > 0) behind(`${missing} accepted check-ins not on the stream`);
        // Credited in stream order: the balance has reached the last of `accepted` (or every check-in).
        const needed = options.outboxesEmpty ? ordered.length : ordered.reduce((last, key, i) => (accepted.has(key) ? i + 1 : last), 0);
        const { balance } = await this.points();
        if (balance < needed) behind(`points ${balance} of ${needed}`);
        const created = new Set((await this.tasksOnStream()).map((t) => t.taskId));
        const tasksMissing = [...tasks].filter((t) => !created.has(t)).length;
        if (tasksMissing > 0) behind(`${tasksMissing} of ${tasks.size} tasks not on the stream`);
        if (options.outboxesEmpty) {
          for (const service of OUTAGE_SERVICES) {
            const rows = await this.outboxRows(service);
            if (rows > 0) behind(`${rows} rows in ${service}'s outbox`);
          }
        }
        return true;
      },
      { what: 'the backlog drained', timeoutMs, everyMs: 1_000 },
    );
  }

  override async close(): Promise<void> {
    if (this.load) {
      // Restored first: the load's clients end their requests and stop.
      this.faults.pg.restore();
      this.faults.nats.restore();
      await this.load.stop().catch(() => undefined);
    }
    await super.close();
  }
}
