import { freemem, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DeliverPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@ws/testing/nats';
import { connect, type NatsConnection } from '@ws/testing/nats';
import { natsConnectOptions } from '@ws/messaging';
import { childDivisions, HEADERS, nodeFromCode, subtreeEventFilter } from '@ws/contracts';
import { seededRandom, type Random } from '@ws/kernel';
import { createTestDatabase, PG_URL, type TestDatabase } from '@ws/testing';
import { announceTestKey, officerToken } from '@ws/testing/officer-tokens';
import {
  type CompactProcess,
  type FederationNodeSpec,
  type NatsFederation,
  type NatsProcess,
  OutboxDistrict,
  startCompactProcess,
  startNatsFederation,
} from '@ws/testing/service-process';
import { percentile, processCpuSeconds, proportionalMegabytes, residentMegabytes } from './bench-node';
import { CheckpointPoller } from './checkpoint-poller';
import { requestOk } from '@ws/platform';

/**
 * bench:federation-scale — the Zhejiang tree of GB/T 2260 on one machine: the province, its 11
 * cities and 90 districts, each with its own nats-server (the configs the launcher renders: its
 * JetStream domain, a leafnode user per child, the link to its parent with the node's own
 * credentials; EVT sourcing the children's EVT, DIR the parent's DIR). Each child dials its
 * parent through a relay the benchmark can cut. The province and the cities run the stations
 * service in a compact host process (apps/compact) with its own database; the districts write
 * check-ins through the real outbox path (event store in the district's own database → outbox →
 * OutboxRelay → the district's nats-server) at a Zhejiang-shaped rate, spread by each
 * district's station count.
 *
 * Phases: start-up; steady writing (district → province visibility); random partitions (city and
 * district nats-servers killed, stopped and restarted, links cut and healed, one city down for
 * a long stretch) while the districts keep writing; after the last heal, convergence: the
 * province's read model equals every district's stream, per district, exactly; then a
 * province directive to all 101 nodes below it and their acknowledgements coming back.
 *
 *   npm run bench:federation-scale -- --partition-seconds=120 --city-outage-seconds=60
 *
 * Flags (or BENCH_* variables): --rate (events/s, 2000), --steady-seconds (60),
 * --partition-seconds (600), --city-outage-seconds (300), --seed (random; printed, replays the
 * schedule of faults).
 */
const flag = (name: string, fallback: number): number => {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  return given === undefined ? fallback : Number(given);
};
const RATE = flag('rate', 2000);
const STEADY_S = flag('steady-seconds', 60);
const WARMUP_S = flag('warmup-seconds', 10);
const PARTITION_S = flag('partition-seconds', 600);
const CITY_OUTAGE_S = Math.min(flag('city-outage-seconds', 300), PARTITION_S * 0.6);
const SEED = flag('seed', Math.floor(Math.random() * 2 ** 31));
const TICK_MS = 250;
const CONVERGE_TIMEOUT_MS = 900_000;
/** A city's server restarting after five minutes down replays a store of several hundred thousand events. */
const RESTART_TIMEOUT_MS = 120_000;
const DATABASE_PREFIX = 'wsfs';
const PROJECTION = 'stations.visits';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (count: number, ms: number) => `${Math.round((count * 1000) / Math.max(ms, 1)).toLocaleString('en-US')}/s`;
const log = (line: string) => process.stdout.write(`${line}\n`);
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** 浙江: the province, its cities and their districts, parents before children. */
function zhejiang(): FederationNodeSpec[] {
  const cities = childDivisions('33');
  return [{ code: '33' }, ...cities.map((code) => ({ code, parent: '33' })), ...cities.flatMap((city) => childDivisions(city).map((code) => ({ code, parent: city })))];
}

/**
 * Stations per district: no public list gives them per district, so they are drawn (seeded, the
 * same on every run) between 40 and 160 around the seeds' 柯城 90 and 海盐 113, which keep theirs.
 */
function stationCounts(districts: string[]): Map<string, number> {
  const known: Record<string, number> = { '330802': 90, '330424': 113 };
  const random = seededRandom(2260);
  return new Map(districts.map((code) => [code, known[code] ?? 40 + Math.floor(random() * 121)]));
}

/** A city or the province: the stations service in a compact host process. */
interface UpperNode {
  code: string;
  database: TestDatabase;
  compact: CompactProcess;
  base: string;
}

async function startUpperNode(federation: NatsFederation, code: string): Promise<UpperNode> {
  const database = await createTestDatabase(`${DATABASE_PREFIX}_${code}`);
  const compact = await startCompactProcess([
    { name: 'stations', service: 'stations', env: { NODE_CODE: code, NATS_URL: federation.nats.get(code)!.url, PG_DATABASE: database.name, LOG_LEVEL: 'error', PG_POOL_MAX: '2' } },
  ]);
  const base = compact.bases['stations']!;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (compact.reports.length > 0 || compact.child.exitCode !== null) throw new Error(`compact node ${code} failed: ${JSON.stringify(compact.reports)}\n${compact.output()}`);
    if (await requestOk(base, 'GET', '/health').then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error(`compact node ${code} not healthy in 180 s:\n${compact.output()}`);
    await sleep(250);
  }
  await announceTestKey(federation.nats.get(code)!.url, code);
  return { code, database, compact, base };
}

/** Writes check-ins at every district, paced to its share of RATE; remembers when each sampled event committed. */
class ZhejiangWriter {
  private stopped = false;
  private running: Array<Promise<void>> = [];
  /** Event id → commit time, for the events written while `sampling`. */
  readonly sampled = new Map<string, number>();
  sampling = false;
  failures = 0;

  constructor(
    private readonly districts: OutboxDistrict[],
    private readonly shares: Map<string, number>,
  ) {}

  get committed(): number {
    return this.districts.reduce((sum, d) => sum + d.committed, 0);
  }

  start(): void {
    this.running = this.districts.map((district) => this.loop(district));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }

  private async loop(district: OutboxDistrict): Promise<void> {
    const rate = RATE * this.shares.get(district.node.code)!;
    const started = now();
    let written = 0;
    while (!this.stopped) {
      const due = Math.floor(((now() - started) * rate) / 1000) - written;
      if (due > 0) {
        try {
          const ids = await district.record(due);
          const at = now();
          written += due;
          if (this.sampling) for (const id of ids) this.sampled.set(id, at);
        } catch {
          this.failures++;
        }
      }
      await sleep(TICK_MS);
    }
  }
}

/** Province stream sequences of the given event ids (read from the stream's start). */
async function provinceSequences(nc: NatsConnection, ids: Set<string>): Promise<Map<string, number>> {
  const consumer = await jetstream(nc).consumers.get('EVT', { deliver_policy: DeliverPolicy.All });
  const found = new Map<string, number>();
  const messages = await consumer.consume({ max_messages: 5000 });
  for await (const message of messages) {
    const id = message.headers?.get(HEADERS.msgId);
    if (id && ids.has(id)) found.set(id, message.seq);
    if (message.info.pending === 0) break;
  }
  await messages.close();
  return found;
}

async function messagesUnder(jsm: JetStreamManager, filter: string): Promise<number> {
  const info = await jsm.streams.info('EVT', { subjects_filter: filter });
  return Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
}

/**
 * The whole: every nats-server and compact process, this process (the districts' writers and
 * relays) and the Postgres backends of the benchmark's databases (proportional memory: each
 * backend's RSS would count the shared buffers again).
 */
function resources(federation: NatsFederation, upper: UpperNode[]): { rssMb: number; natsMb: number; compactMb: number; writersMb: number; postgresMb: number; cpuSeconds: number } {
  const nats = new Set([...federation.nats.values()].map((server) => server.pid).filter((pid): pid is number => pid !== undefined));
  const compact = new Set(upper.map((node) => node.compact.child.pid!));
  const postgres = (p: { cmdline: string }) => p.cmdline.startsWith('postgres: ') && p.cmdline.includes(` ${DATABASE_PREFIX}_`);
  const ours = (p: { pid: number; cmdline: string }) => nats.has(p.pid) || compact.has(p.pid) || p.pid === process.pid || postgres(p);
  const natsMb = residentMegabytes((p) => nats.has(p.pid));
  const compactMb = residentMegabytes((p) => compact.has(p.pid));
  const writersMb = process.memoryUsage.rss() / 2 ** 20;
  const postgresMb = proportionalMegabytes(postgres);
  return { rssMb: natsMb + compactMb + writersMb + postgresMb, natsMb, compactMb, writersMb, postgresMb, cpuSeconds: processCpuSeconds(ours) };
}

const memoryLine = (use: ReturnType<typeof resources>) =>
  `${Math.round(use.rssMb)} MB in all: nats-servers ${Math.round(use.natsMb)} MB, compact nodes ${Math.round(use.compactMb)} MB, ` +
  `the districts' writers and relays (this process) ${Math.round(use.writersMb)} MB, Postgres backends ${Math.round(use.postgresMb)} MB (Pss)`;

/**
 * A restart after a long outage replays the server's store before it answers, slower on a loaded
 * machine: tried again rather than ending the run, as an operator's supervisor would.
 */
async function startAgain(server: NatsProcess, code: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await server.start();
    } catch (error) {
      if (attempt === 3) throw error;
      log(`  nats-server ${code} did not come back (${(error as Error).message.split('\n')[0]}); starting it again`);
      await sleep(1_000); // the failed start's process is killed; let it be gone before the next
    }
  }
}

interface Fault {
  kind: 'kill' | 'stop' | 'cut';
  target: string;
  forMs: number;
}

/**
 * Random faults for `forMs` (seeded): at most four at once, on cities, districts and their
 * links, each healed after 2–20 s; and one city down (SIGKILL) for CITY_OUTAGE_S from a quarter
 * of the way in. Resolves after the last heal; reports the long outage's catch-up.
 */
async function partitions(
  federation: NatsFederation,
  topology: FederationNodeSpec[],
  random: Random,
  forMs: number,
  onCityBack: (city: string) => void,
): Promise<{ faults: Fault[]; lastHealAt: number; outageCity: string }> {
  const cities = topology.filter((node) => node.parent === '33').map((node) => node.code);
  const districts = topology.filter((node) => node.code.length === 6).map((node) => node.code);
  const outageCity = pick(random, cities);
  const busy = new Set<string>([outageCity]);
  const faults: Fault[] = [];
  const running: Array<Promise<void>> = [];
  const apply = async (fault: Fault) => {
    faults.push(fault);
    if (fault.kind === 'cut') {
      const link = federation.links.get(fault.target)!;
      link.sever();
      await sleep(fault.forMs);
      link.heal();
    } else {
      const server = federation.nats.get(fault.target)!;
      await (fault.kind === 'kill' ? server.kill() : server.stop());
      await sleep(fault.forMs);
      await startAgain(server, fault.target);
    }
  };
  const started = now();
  running.push(
    (async () => {
      await sleep(forMs / 4);
      log(`  city ${outageCity} down for ${CITY_OUTAGE_S} s`);
      await apply({ kind: 'kill', target: outageCity, forMs: CITY_OUTAGE_S * 1000 });
      log(`  city ${outageCity} back`);
      onCityBack(outageCity);
    })(),
  );
  while (now() - started < forMs) {
    const kind = pick(random, ['kill', 'stop', 'cut', 'cut'] as const);
    const target = pick(random, kind === 'cut' ? [...cities, ...districts] : random() < 0.3 ? cities : districts);
    const fault: Fault = { kind, target, forMs: 2_000 + Math.floor(random() * 18_000) };
    const gap = 1_000 + Math.floor(random() * 4_000);
    if (!busy.has(target) && busy.size < 5 && now() - started + fault.forMs < forMs) {
      busy.add(target);
      running.push(apply(fault).finally(() => busy.delete(target)));
    }
    await sleep(gap);
  }
  await Promise.all(running);
  return { faults, lastHealAt: now(), outageCity };
}

/** After a city's long outage: how fast its districts' backlog reaches the province once the links flow. */
async function measureCityCatchUp(jsm: JetStreamManager, city: string, districts: OutboxDistrict[]): Promise<string> {
  const back = now();
  const target = districts.filter((d) => d.node.code.startsWith(city)).reduce((sum, d) => sum + d.committed, 0);
  const filter = subtreeEventFilter(nodeFromCode(city));
  const atBack = await messagesUnder(jsm, filter).catch(() => 0);
  let first: { at: number; count: number } | undefined;
  for (;;) {
    const count = await messagesUnder(jsm, filter).catch(() => 0);
    if (!first && count > atBack) first = { at: now(), count: atBack };
    if (count >= target) {
      const done = now();
      const moved = target - atBack;
      return (
        `${moved.toLocaleString('en-US')} events behind at the province when city ${city} came back; all of them there after ${seconds(done - back)} ` +
        `(${perSecond(moved, done - back)} overall, ${first ? perSecond(moved, done - first.at) : 'n/a'} once flowing, first after ${first ? seconds(first.at - back) : 'n/a'})`
      );
    }
    if (now() - back > 600_000) return `city ${city}: not caught up within 600 s (${count} of ${target})`;
    await sleep(100);
  }
}

/** A province directive (adopt 八有) to its whole subtree; officers at the cities and the districts' services sign for it. */
async function directiveRoundTrip(federation: NatsFederation, topology: FederationNodeSpec[], province: UpperNode, cities: UpperNode[], districts: OutboxDistrict[]): Promise<string> {
  const connections: NatsConnection[] = [];
  const receivedAt = new Map<string, number>();
  let directiveId = '';
  const watching: Array<Promise<void>> = [];
  const below = topology.filter((node) => node.parent).map((node) => node.code);
  try {
    for (const code of below) {
      const nc = await connect(natsConnectOptions(federation.nats.get(code)!.url));
      connections.push(nc);
      const consumer = await jetstream(nc).consumers.get('DIR', { deliver_policy: DeliverPolicy.New });
      const messages = await consumer.consume();
      watching.push(
        (async () => {
          for await (const message of messages) {
            const envelope = message.json<{ type: string; data: { directiveId: string; issuerNode: string } }>();
            if (envelope.type !== 'DirectiveIssued' || receivedAt.has(code)) continue;
            receivedAt.set(code, now());
            const city = cities.find((node) => node.code === code);
            const ref = { directiveId: envelope.data.directiveId, issuerNode: envelope.data.issuerNode };
            if (city) {
              const token = await officerToken(code, { role: 'city_officer', subject: `bench-${code}` });
              for (let attempt = 0; ; attempt++) {
                const acknowledged = await requestOk(city.base, 'POST', `/directives/${ref.directiveId}/acknowledge`, { token }).then(() => true, () => false);
                if (acknowledged || attempt > 50) break;
                await sleep(200);
              }
            } else {
              // Ninety districts sign at once, each opening its pool's second connection: a
              // refused connection (Postgres full for a moment) is tried again, as an officer would.
              const district = districts.find((d) => d.node.code === code)!;
              for (let attempt = 0; ; attempt++) {
                try {
                  await district.acknowledgeDirective(ref);
                  break;
                } catch (error) {
                  if (attempt > 50) throw error;
                  await sleep(200);
                }
              }
            }
            break;
          }
          await messages.close();
        })().catch((error: unknown) => {
          log(`  ${code} did not sign for the directive: ${String(error)}`);
        }),
      );
    }
    const provinceNc = await connect(natsConnectOptions(federation.nats.get('33')!.url));
    connections.push(provinceNc);
    const jsm = await jetstreamManager(provinceNc);
    const token = await officerToken('33', { role: 'province_officer', subject: 'bench-province' });
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const issuedAt = now();
    directiveId = ((await requestOk(province.base, 'POST', '/directives', { token, body: { kind: 'adopt_standard', standard: 'ba_you', deadline } })) as { directiveId: string }).directiveId;
    const acks = `evt.33.*.*.stations.directive-receipt.${directiveId}.DirectiveAcknowledged`;
    let acknowledged = 0;
    while (acknowledged < below.length && now() - issuedAt < 300_000) {
      acknowledged = await messagesUnder(jsm, acks);
      if (acknowledged < below.length) await sleep(50);
    }
    const lastAck = now();
    const reached = [...receivedAt.values()];
    return (
      `directive ${directiveId}: reached ${reached.length} of ${below.length} nodes, the last after ${seconds(Math.max(...reached) - issuedAt)} ` +
      `(p50 ${seconds(percentile(reached.map((t) => t - issuedAt).sort((a, b) => a - b), 50))}); ` +
      `${acknowledged} acknowledgements at the province, the last after ${seconds(lastAck - issuedAt)}`
    );
  } finally {
    for (const nc of connections) await nc.close().catch(() => undefined);
    await Promise.race([Promise.all(watching), sleep(2_000)]);
  }
}

/**
 * Each district writer holds up to three Postgres connections (its pool of two and the relay's
 * listener) and each compact node about six: 348 were counted in a run of the whole tree, far more
 * than a default `max_connections = 100`. Said before anything starts, not as "too many clients"
 * a minute in.
 */
async function checkPostgresRoom(districts: number, upperNodes: number): Promise<void> {
  const needed = districts * 3 + upperNodes * 6 + 20;
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const allowed = Number((await client.query<{ max_connections: string }>('show max_connections')).rows[0]!.max_connections);
    if (allowed < needed) {
      throw new Error(`Postgres allows ${allowed} connections and this tree needs about ${needed}: run \`alter system set max_connections = 400\` and restart Postgres, then again`);
    }
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const topology = zhejiang();
  const districtCodes = topology.filter((node) => node.code.length === 6).map((node) => node.code);
  const stations = stationCounts(districtCodes);
  const totalStations = [...stations.values()].reduce((a, b) => a + b, 0);
  const shares = new Map(districtCodes.map((code) => [code, stations.get(code)! / totalStations]));
  log(
    `bench:federation-scale — 浙江: ${topology.length} nodes (1 province, ${topology.length - 1 - districtCodes.length} cities, ${districtCodes.length} districts, ${totalStations} stations); ` +
      `${RATE} events/s; steady ${STEADY_S} s, partitions ${PARTITION_S} s with one city down ${CITY_OUTAGE_S} s; seed ${SEED}; ` +
      `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${Math.round(freemem() / 2 ** 20)} MB free`,
  );
  await checkPostgresRoom(districtCodes.length, topology.length - districtCodes.length);
  const t0 = now();
  const federation = await startNatsFederation(topology, { cuttableLinks: true, startTimeoutMs: RESTART_TIMEOUT_MS });
  log(`  ${federation.nats.size} nats-servers with their links and streams up after ${seconds(now() - t0)}`);
  const upper: UpperNode[] = [];
  const districts: OutboxDistrict[] = [];
  const connections: NatsConnection[] = [];
  let pg: Client | undefined;
  let writer: ZhejiangWriter | undefined;
  try {
    const t1 = now();
    for (const node of topology.filter((n) => n.code.length < 6)) upper.push(await startUpperNode(federation, node.code));
    log(`  ${upper.length} compact nodes (province and cities) ready after ${seconds(now() - t1)}`);
    const t2 = now();
    for (let i = 0; i < districtCodes.length; i += 6) {
      districts.push(
        ...(await Promise.all(districtCodes.slice(i, i + 6).map((code) => OutboxDistrict.start(nodeFromCode(code), federation.nats.get(code)!.url, { databasePrefix: DATABASE_PREFIX, stations: stations.get(code)! })))),
      );
    }
    log(`  ${districts.length} district writers (event store, outbox, relay) ready after ${seconds(now() - t2)}`);
    const province = upper.find((node) => node.code === '33')!;
    pg = new Client({ connectionString: province.database.url });
    await pg.connect();
    const provinceNc = await connect({ ...natsConnectOptions(federation.nats.get('33')!.url), maxReconnectAttempts: -1 });
    connections.push(provinceNc);
    const jsm = await jetstreamManager(provinceNc);
    const idle = resources(federation, upper);
    log(`  idle: ${memoryLine(idle)}`);

    // ---- steady ----
    writer = new ZhejiangWriter(districts, shares);
    const poller = new CheckpointPoller(pg, PROJECTION, 20);
    poller.start();
    writer.start();
    await sleep(WARMUP_S * 1000);
    const steadyCpu = resources(federation, upper).cpuSeconds;
    const steadyCommitted = writer.committed;
    const steadyFrom = now();
    writer.sampling = true;
    await sleep(STEADY_S * 1000);
    writer.sampling = false;
    const steadyTo = now();
    const steadyEvents = writer.committed - steadyCommitted;
    const steadyUse = resources(federation, upper);
    const steadyCpuSeconds = steadyUse.cpuSeconds - steadyCpu;

    // ---- partitions ----
    let maxBacklog = 0;
    let sampling = true;
    const backlogSampler = (async () => {
      while (sampling) {
        const atProvince = await messagesUnder(jsm, 'evt.33.*.*.stations.checkins.>').catch(() => undefined);
        if (atProvince !== undefined) maxBacklog = Math.max(maxBacklog, writer!.committed - atProvince);
        await sleep(1_000);
      }
    })();
    log(`  partitions for ${PARTITION_S} s (seed ${SEED})`);
    let cityCatchUp: Promise<string> | undefined;
    const partitionCpu = resources(federation, upper).cpuSeconds;
    let peakRss = steadyUse.rssMb;
    const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, resources(federation, upper).rssMb)), 10_000);
    const { faults, lastHealAt, outageCity } = await partitions(federation, topology, seededRandom(SEED), PARTITION_S * 1000, (city) => {
      cityCatchUp = measureCityCatchUp(jsm, city, districts);
    });
    await writer.stop();
    clearInterval(rssSampler);
    const committed = writer.committed;
    log(`  last heal; ${faults.length} faults; ${committed.toLocaleString('en-US')} check-ins committed at the districts; converging`);

    // ---- convergence ----
    const expected = Object.fromEntries(districts.map((d) => [d.node.code, d.committed]));
    let storedAt = 0;
    let visibleAt = 0;
    for (;;) {
      const atProvince = await messagesUnder(jsm, 'evt.33.*.*.stations.checkins.>').catch(() => 0);
      if (!storedAt && atProvince >= committed) storedAt = now();
      if (storedAt) {
        const { rows } = await pg.query<{ n: string }>('select coalesce(sum(visits), 0) as n from visits_hourly');
        if (Number(rows[0]!.n) >= committed) {
          visibleAt = now();
          break;
        }
      }
      if (now() - lastHealAt > CONVERGE_TIMEOUT_MS) throw new Error(`not converged ${CONVERGE_TIMEOUT_MS} ms after the last heal (${atProvince} of ${committed} at the province)`);
      await sleep(100);
    }
    sampling = false;
    await backlogSampler;
    const catchUpLine = cityCatchUp ? await cityCatchUp : 'n/a';
    const partitionUse = resources(federation, upper);

    // Exactly: each district's stream, the province's stream per district, the province's read model per district.
    const mismatches: string[] = [];
    const { rows } = await pg.query<{ district_code: string; n: string }>('select district_code, sum(visits) as n from visits_hourly group by district_code');
    const readModel = new Map(rows.map((row) => [row.district_code, Number(row.n)]));
    for (const district of districts) {
      const code = district.node.code;
      const own = await federation.evtMessages(code);
      const atProvince = await messagesUnder(jsm, subtreeEventFilter(district.node));
      if (own !== expected[code] || atProvince !== expected[code] || readModel.get(code) !== expected[code]) {
        mismatches.push(`${code}: committed ${expected[code]}, own stream ${own}, province stream ${atProvince}, province read model ${readModel.get(code) ?? 0}`);
      }
    }

    const provinceState = (await jsm.streams.info('EVT')).state;

    // ---- visibility at steady state ----
    await poller.stop();
    const sequences = await provinceSequences(provinceNc, new Set(writer.sampled.keys()));
    const latencies: number[] = [];
    for (const [id, committedAt] of writer.sampled) {
      const seq = sequences.get(id);
      const visible = seq === undefined ? undefined : poller.visibleAt(seq);
      if (visible !== undefined && visible <= steadyTo + 60_000) latencies.push(visible - committedAt);
    }
    latencies.sort((a, b) => a - b);

    log(
      [
        '',
        `steady ${RATE}/s for ${seconds(steadyTo - steadyFrom)}: ${steadyEvents.toLocaleString('en-US')} check-ins committed (${perSecond(steadyEvents, steadyTo - steadyFrom)}), ${writer.failures} failed writes`,
        `  committed at a district → in the province read model (${latencies.length} events): p50 ${Math.round(percentile(latencies, 50))} ms, p95 ${Math.round(percentile(latencies, 95))} ms, p99 ${Math.round(percentile(latencies, 99))} ms, max ${Math.round(latencies.at(-1) ?? NaN)} ms`,
        `  CPU of the whole ${steadyCpuSeconds.toFixed(1)} s over ${seconds(steadyTo - steadyFrom)} (${((steadyCpuSeconds / (STEADY_S || 1)) * 100).toFixed(0)}% of one core), ${((steadyCpuSeconds * 1e6) / Math.max(steadyEvents, 1)).toFixed(0)} µs per check-in`,
        `  memory at steady state: ${memoryLine(steadyUse)}`,
        `partitions ${PARTITION_S} s (seed ${SEED}): ${faults.length} faults (${['kill', 'stop', 'cut'].map((k) => `${faults.filter((f) => f.kind === k).length} ${k}`).join(', ')}), city ${outageCity} down ${CITY_OUTAGE_S} s`,
        `  largest backlog (committed at the districts, not yet in the province stream): ${maxBacklog.toLocaleString('en-US')} events`,
        `  after city ${outageCity}'s outage: ${catchUpLine}`,
        `  after the last heal: province stream complete in ${seconds(storedAt - lastHealAt)}, read model in ${seconds(visibleAt - lastHealAt)}`,
        `  CPU of the whole ${(partitionUse.cpuSeconds - partitionCpu).toFixed(0)} s, peak memory ${Math.round(peakRss)} MB`,
        `check: ${committed.toLocaleString('en-US')} check-ins committed at ${districts.length} districts; ${mismatches.length === 0 ? 'every district\'s stream, the province\'s stream and read model agree exactly, per district' : `${mismatches.length} districts differ`}`,
        `  province EVT: ${provinceState.messages.toLocaleString('en-US')} messages, ${(provinceState.bytes / 2 ** 20).toFixed(0)} MB, ${Math.round(provinceState.bytes / Math.max(provinceState.messages, 1))} bytes per event`,
      ].join('\n'),
    );

    // ---- directive ---- (the figures above are printed first: a failure here does not lose them)
    const directiveLine = await directiveRoundTrip(federation, topology, province, upper.filter((n) => n !== province), districts);
    const end = resources(federation, upper);
    log([directiveLine, `load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}; memory at the end: ${memoryLine(end)}`, ''].join('\n'));
    if (mismatches.length > 0) throw new Error(`the province does not hold exactly what the districts wrote:\n${mismatches.join('\n')}`);
  } finally {
    await writer?.stop().catch(() => undefined);
    for (const nc of connections) await nc.close().catch(() => undefined);
    await pg?.end().catch(() => undefined);
    for (const district of districts) await district.close().catch(() => undefined);
    for (const node of upper) {
      await node.compact.kill('SIGTERM').catch(() => undefined);
      await node.database.drop().catch(() => undefined);
    }
    await federation.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:federation-scale failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
