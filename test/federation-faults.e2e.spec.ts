import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@ws/testing/nats';
import { connect } from '@ws/testing/nats';
import { natsConnectOptions } from '@ws/messaging';
import { nodeFromCode, subtreeEventFilter } from '@ws/contracts';
import { eventually } from '@ws/testing';
import { ProcessFederation } from '@ws/testing/process-federation';
import { CITY, DISTRICTS, FAULT_TOPOLOGY, PROVINCE, registerStations, stationsOf, visitsByDistrict } from './stations-federation';

const STATIONS_PER_DISTRICT = 3;
const VISITS_PER_REQUEST = 10;
const REQUEST_EVERY_MS = 100;
const CUT_MS = 8_000;

/**
 * Issue 4 §4: a province, a city and two districts, each with its own nats-server (authenticated
 * leafnode links) and the stations service as a built process. The districts keep writing
 * check-ins over HTTP while the city's nats-server, then the province's, is killed (SIGKILL)
 * and restarted: each district's read models keep working meanwhile, and afterwards the city and
 * the province show exactly the sum of the districts — in their read models (over HTTP) and in
 * their streams — nothing lost, nothing doubled.
 */
describe('federation faults: a city or the province cut while the districts keep writing', () => {
  let federation: ProcessFederation<'stations'>;
  const stationIds = new Map<string, string[]>();
  /** Check-ins each district answered `accepted`. */
  const accepted = new Map<string, number>(DISTRICTS.map((code) => [code, 0]));

  const node = (code: string) => federation.node(code);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const visitsAt = async (code: string, district: string) => (await visitsByDistrict(node(code)))[district] ?? 0;
  const totalAt = async (code: string) => Object.values(await visitsByDistrict(node(code))).reduce((sum, n) => sum + n, 0);
  const expected = () => Object.fromEntries(DISTRICTS.filter((code) => accepted.get(code)! > 0).map((code) => [code, accepted.get(code)!]));

  /** Messages of `code`'s EVT stream on the subjects of `subtree`'s events. */
  async function streamMessagesOf(code: string, subtree: string): Promise<number> {
    const nc = await connect({ ...natsConnectOptions(federation.nats.get(code)!.url), reconnect: false });
    try {
      const info = await (await jetstreamManager(nc)).streams.info('EVT', { subjects_filter: subtreeEventFilter(nodeFromCode(subtree)) });
      return Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
    } finally {
      await nc.close();
    }
  }

  /** Every district posting kiosk batches of check-ins at a steady pace until stopped. */
  function keepWriting(): { stop(): Promise<void> } {
    let stopped = false;
    const failures: string[] = [];
    const writer = async (district: string) => {
      for (let round = 0; !stopped; round++) {
        const stationId = stationIds.get(district)![round % STATIONS_PER_DISTRICT]!;
        const visits = Array.from({ length: VISITS_PER_REQUEST }, () => ({ key: randomUUID(), at: new Date().toISOString(), occupation: 'courier' }));
        const response = await node(district).http('stations', 'POST', `/stations/${stationId}/checkins/batch`, { body: { visits } });
        if (response.status === 200) accepted.set(district, accepted.get(district)! + (response.body as { accepted: number }).accepted);
        else failures.push(`${district}: ${response.status} ${JSON.stringify(response.body)}`);
        await pause(REQUEST_EVERY_MS);
      }
    };
    const writers = DISTRICTS.map(writer);
    return {
      async stop() {
        stopped = true;
        await Promise.all(writers);
        expect(failures).toEqual([]);
      },
    };
  }

  /** A district's own read model moves on, whatever happens above it. */
  async function advancesAt(code: string, district: string): Promise<void> {
    const before = await visitsAt(code, district);
    await eventually(async () => (await visitsAt(code, district)) >= before + 5 * VISITS_PER_REQUEST, { what: `visits of ${district} at ${code}`, timeoutMs: 15_000 });
  }

  /** The city and the province show exactly what the districts accepted, and keep showing it. */
  async function convergedAbove(): Promise<void> {
    for (const district of DISTRICTS) {
      await eventually(async () => {
        expect(await visitsAt(district, district)).toBe(accepted.get(district));
        return true;
      }, { what: `visits at ${district}`, timeoutMs: 60_000 });
    }
    for (const code of [CITY, PROVINCE]) {
      await eventually(async () => {
        expect(await visitsByDistrict(node(code))).toEqual(expected());
        return true;
      }, { what: `visits at ${code}`, timeoutMs: 120_000 });
    }
    // Nothing more may arrive during these 2 s: no event is counted twice.
    await pause(2_000);
    for (const code of [CITY, PROVINCE]) {
      expect(await visitsByDistrict(node(code))).toEqual(expected());
      for (const district of DISTRICTS) {
        expect(await stationsOf(node(code), district)).toBe(STATIONS_PER_DISTRICT);
        expect(await streamMessagesOf(code, district)).toBe(await federation.evtMessages(district));
      }
    }
    for (const district of DISTRICTS) expect(await stationsOf(node(district), district)).toBe(STATIONS_PER_DISTRICT);
  }

  beforeAll(async () => {
    federation = await ProcessFederation.start(FAULT_TOPOLOGY);
    const started = await Promise.allSettled([PROVINCE, CITY, ...DISTRICTS].map((code) => node(code).start('stations')));
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    for (const district of DISTRICTS) stationIds.set(district, await registerStations(node(district), STATIONS_PER_DISTRICT));
  }, 180_000);

  afterAll(async () => {
    await federation?.close();
  });

  it("converges at the province to exactly the districts' sum after the city's nats-server is killed and restarted", async () => {
    const writing = keepWriting();
    await eventually(async () => (await totalAt(PROVINCE)) > 0, { what: 'first visits at the province', timeoutMs: 60_000 });

    await federation.nats.get(CITY)!.kill();
    for (const district of DISTRICTS) await advancesAt(district, district);
    // Nothing reaches the province past a dead city.
    await pause(2_000);
    const provinceDuringCut = await totalAt(PROVINCE);
    await pause(CUT_MS / 2);
    expect(await totalAt(PROVINCE)).toBe(provinceDuringCut);
    expect(DISTRICTS.reduce((sum, code) => sum + accepted.get(code)!, 0)).toBeGreaterThan(provinceDuringCut);

    await federation.nats.get(CITY)!.start();
    // The districts write on for 3 s across the healed link (a stretch of the scenario, not a wait for something).
    await pause(3_000);
    await writing.stop();
    await convergedAbove();
  }, 300_000);

  it("converges at the province to exactly the districts' sum after the province's nats-server is killed and restarted", async () => {
    const writing = keepWriting();
    // The districts write for 2 s before the fault (a stretch of the scenario, not a wait for something).
    await pause(2_000);

    await federation.nats.get(PROVINCE)!.kill();
    for (const district of DISTRICTS) {
      await advancesAt(district, district);
      // The city, a child of the province, keeps working as well.
      await advancesAt(CITY, district);
    }
    await pause(CUT_MS / 2);

    await federation.nats.get(PROVINCE)!.start();
    await pause(3_000);
    await writing.stop();
    await convergedAbove();
  }, 300_000);

  it('the flood of issue 10: ten 1 000-visit batches to one station at once, then one more check-in, which reaches the province', async () => {
    const district = DISTRICTS[0];
    const stationId = stationIds.get(district)![0]!;
    const batch = () => ({ visits: Array.from({ length: 1000 }, () => ({ key: randomUUID(), at: new Date().toISOString(), occupation: 'rider' })) });
    const answers = await Promise.all(Array.from({ length: 10 }, () => node(district).http('stations', 'POST', `/stations/${stationId}/checkins/batch`, { body: batch() })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const counts = answers.map((a) => (a.body as { accepted: number }).accepted);
    accepted.set(district, accepted.get(district)! + counts.reduce((sum, n) => sum + n, 0));

    const key = randomUUID();
    const later = await node(district).http('stations', 'POST', `/stations/${stationId}/checkins`, { body: { key, occupation: 'courier' } });
    expect(later.status).toBe(201);
    accepted.set(district, accepted.get(district)! + 1);

    // 10 001 visits, in events of at most MAX_EVENT_BYTES each: nothing sticks in the outbox,
    // and the district, the city and the province count every one of them.
    await convergedAbove();
    const health = (await node(district).ok('stations', 'GET', '/health')) as { status: string };
    expect(health.status).toBe('ok');
  }, 180_000);
});
