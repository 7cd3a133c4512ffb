import { connect, jetstreamManager } from '@ws/testing/nats';
import { natsConnectOptions } from '@ws/messaging';
import { nodeFromCode, subtreeEventFilter } from '@ws/contracts';
import { seededRandom, type Random } from '@ws/kernel';
import { OutboxDistrict } from '@ws/testing/service-process';
import { eventually } from '@ws/testing';
import { ProcessFederation } from '@ws/testing/process-federation';
import { visitsByDistrict } from './stations-federation';

/**
 * Issue 16: a province, three cities and nine districts, each with its own nats-server
 * (JetStream domain, authenticated leafnode link to its parent through a link that can be cut,
 * EVT sourcing the children's EVT as the launcher sets it up). The districts keep writing
 * check-ins through the real outbox path (event store → outbox → relay → their nats-server)
 * while a seeded schedule kills, stops and restarts city and district nats-servers and cuts
 * and heals leafnode links, several at a time. After the last heal the province's visits read
 * model (the stations service as a built process) and every city's and the province's stream
 * hold exactly what each district committed, per district: nothing lost, nothing doubled.
 *
 * The schedule is drawn from PARTITION_SEED (printed in the test's name): set it to replay a failure.
 */
const SEED = Number(process.env['PARTITION_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const CHAOS_MS = Number(process.env['PARTITION_CHAOS_MS'] ?? 45_000);
const WRITE_EVERY_MS = 250;
const MAX_VISITS_PER_WRITE = 12;
const CONVERGE_MS = 150_000;

const PROVINCE = '33';
const CITIES = ['3301', '3302', '3303'];
const DISTRICTS: Record<string, string[]> = {
  '3301': ['330102', '330105', '330106'],
  '3302': ['330203', '330205', '330206'],
  '3303': ['330302', '330303', '330304'],
};
const ALL_DISTRICTS = CITIES.flatMap((city) => DISTRICTS[city]!);
const TOPOLOGY = [
  { code: PROVINCE },
  ...CITIES.map((code) => ({ code, parent: PROVINCE })),
  ...CITIES.flatMap((city) => DISTRICTS[city]!.map((code) => ({ code, parent: city }))),
];

type Fault = { kind: 'kill' | 'stop' | 'cut'; target: string; forMs: number };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

describe(`federation partitions: 1 + 3 + 9 nodes converge exactly (PARTITION_SEED=${SEED})`, () => {
  let federation: ProcessFederation<'stations'>;
  const districts = new Map<string, OutboxDistrict>();
  const applied: string[] = [];

  /** Messages of `code`'s EVT stream per district of ALL_DISTRICTS below it. */
  async function streamCountsAt(code: string): Promise<Record<string, number>> {
    const nc = await connect({ ...natsConnectOptions(federation.nats.get(code)!.url), reconnect: false });
    try {
      const jsm = await jetstreamManager(nc);
      const counts: Record<string, number> = {};
      for (const district of ALL_DISTRICTS.filter((d) => d.startsWith(code))) {
        const info = await jsm.streams.info('EVT', { subjects_filter: subtreeEventFilter(nodeFromCode(district)) });
        const n = Object.values(info.state.subjects ?? {}).reduce((sum, count) => sum + count, 0);
        if (n > 0) counts[district] = n;
      }
      return counts;
    } finally {
      await nc.close();
    }
  }

  const committedBelow = (code: string) =>
    Object.fromEntries(ALL_DISTRICTS.filter((d) => d.startsWith(code) && districts.get(d)!.committed > 0).map((d) => [d, districts.get(d)!.committed]));

  /** Each district appends a seeded number of check-ins every WRITE_EVERY_MS until stopped. */
  function keepWriting(random: Random): { stop(): Promise<void> } {
    let stopped = false;
    const writers = [...districts.values()].map(async (district) => {
      while (!stopped) {
        await district.record(1 + Math.floor(random() * MAX_VISITS_PER_WRITE));
        await pause(WRITE_EVERY_MS);
      }
    });
    return {
      async stop() {
        stopped = true;
        await Promise.all(writers);
      },
    };
  }

  /** One fault: a nats-server killed (SIGKILL) or stopped (SIGTERM), or a link cut, healed after `forMs`. */
  async function apply(fault: Fault): Promise<void> {
    applied.push(`${fault.kind} ${fault.target} ${fault.forMs} ms`);
    if (fault.kind === 'cut') {
      const link = federation.links.get(fault.target)!;
      link.sever();
      await pause(fault.forMs);
      link.heal();
      return;
    }
    const server = federation.nats.get(fault.target)!;
    await (fault.kind === 'kill' ? server.kill() : server.stop());
    await pause(fault.forMs);
    await server.start();
  }

  /** Faults on random cities, districts and links, several at once, none on a target already faulted. */
  async function partitions(random: Random, forMs: number): Promise<void> {
    const busy = new Set<string>();
    const running: Array<Promise<void>> = [];
    const until = Date.now() + forMs;
    while (Date.now() < until) {
      const kind = pick(random, ['kill', 'stop', 'cut', 'cut'] as const);
      const target = pick(random, kind === 'cut' ? [...CITIES, ...ALL_DISTRICTS] : random() < 0.4 ? CITIES : ALL_DISTRICTS);
      const fault: Fault = { kind, target, forMs: 1_000 + Math.floor(random() * 7_000) };
      const gap = 500 + Math.floor(random() * 2_500);
      if (!busy.has(target) && busy.size < 3) {
        busy.add(target);
        running.push(apply(fault).finally(() => busy.delete(target)));
      }
      await pause(gap);
    }
    await Promise.all(running);
  }

  beforeAll(async () => {
    federation = await ProcessFederation.start(TOPOLOGY, { cuttableLinks: true });
    await federation.node(PROVINCE).start('stations', { LOG_LEVEL: 'error' });
    for (const code of ALL_DISTRICTS) districts.set(code, await OutboxDistrict.start(nodeFromCode(code), federation.nats.get(code)!.url, { idleMs: 100 }));
  }, 180_000);

  afterAll(async () => {
    for (const district of districts.values()) await district.close().catch(() => undefined);
    await federation?.close();
  });

  it("the province's read model equals the districts' streams, per district, after random kills, stops and cut links", async () => {
    const writing = keepWriting(seededRandom(SEED + 1));
    await eventually(async () => Object.keys(await visitsByDistrict(federation.node(PROVINCE))).length === ALL_DISTRICTS.length, { what: 'first visits of every district at the province', timeoutMs: 60_000 });

    const before = Object.fromEntries(ALL_DISTRICTS.map((code) => [code, districts.get(code)!.committed]));
    await partitions(seededRandom(SEED), CHAOS_MS);
    // Every district went on writing whatever happened to its nats-server and its links.
    for (const code of ALL_DISTRICTS) expect(districts.get(code)!.committed).toBeGreaterThan(before[code]!);
    // The districts write on for a second once the faults are over (a stretch of the scenario, not a wait for something).
    await pause(1_000);
    await writing.stop();

    const context = `seed ${SEED}, faults: ${applied.join('; ')}`;
    for (const code of ALL_DISTRICTS) {
      const district = districts.get(code)!;
      await eventually(async () => {
        expect(await federation.evtMessages(code)).toBe(district.committed);
        return true;
      }, { what: `stream of ${code} (${context})`, timeoutMs: CONVERGE_MS });
      // The relay deletes its rows once the stream has acknowledged them: a moment after they are there.
      await eventually(async () => (await district.backlog()) === 0, { what: `${code}'s outbox empty (${context})`, timeoutMs: 30_000 });
    }
    for (const code of [...CITIES, PROVINCE]) {
      await eventually(async () => {
        expect(await streamCountsAt(code)).toEqual(committedBelow(code));
        return true;
      }, { what: `stream of ${code} (${context})`, timeoutMs: CONVERGE_MS });
    }
    await eventually(async () => {
      expect(await visitsByDistrict(federation.node(PROVINCE))).toEqual(committedBelow(PROVINCE));
      return true;
    }, { what: `read model at ${PROVINCE} (${context})`, timeoutMs: CONVERGE_MS });

    // Exact, and stays exact: nothing arrives twice later.
    await pause(3_000);
    expect(await visitsByDistrict(federation.node(PROVINCE))).toEqual(committedBelow(PROVINCE));
    for (const code of [...CITIES, PROVINCE]) expect(await streamCountsAt(code)).toEqual(committedBelow(code));
    expect(applied.length).toBeGreaterThan(5);
  }, CHAOS_MS + 4 * CONVERGE_MS);
});
