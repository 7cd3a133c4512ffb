import { divisionName } from '@ws/contracts';
import { requestOk } from '@ws/platform';
import { loadJobsDemo } from '../apps/jobs/src/demo/load-jobs-demo';
import { loadMembershipDemo } from '../apps/membership/src/demo/load-membership-demo';
import { acknowledgeDemoDirectives, issueDemoDirectives } from '../apps/stations/src/directive/demo-directives';
import { importWorkerDensity, workerDensity } from './demo-coverage';
import { adoptStandard, DemoStation, ensureStationsDemo, profileOf } from './demo-data';
import { loadWorkRecordsDemo } from './demo-records';
import { LoopDemo } from './demo-loop';
import { nodeOfficerTokens } from './node-keys';
import { FederationSettings, serviceUrl } from './node-services';
import { childrenOf, isLeaf, TopologyNode } from './topology';

/** How much of the seeds' figures the demo loads (tools/node-settings.ts reads the DEMO_*_SCALE overrides). */
export interface DemoScale {
  /** 1 = the seeds' station counts. */
  stations: number;
  /** 1 = the seeds' visits a day (柯城 5 000), backfilled for a week. */
  visits: number;
  /** 1 = 8 700 members at 柯城 (the seeds' figure), other districts in proportion to their workers. */
  members: number;
  /** 1 = three wishes per community micro-station. */
  wishes: number;
  /** 1 = three rota volunteers per community micro-station and seven professionals per street. */
  volunteers: number;
}

export const DEFAULT_DEMO_SCALE: DemoScale = { stations: 1, visits: 0.5, members: 0.05, wishes: 0.3, volunteers: 0.2 };

export interface NodeDemo {
  node: TopologyNode;
  /** The district's stations, for the live check-ins; none above a district. */
  stationIds: string[];
  /** The district's wish → dispatch loop, played after start-up (demo-loop.ts). */
  loop: LoopDemo | null;
  /**
   * The rest of the node's demo, loaded after ready: the stations' week of visits and upgrades, a
   * year of work records and 零工之家. Settles
   * true once they are in, false if they stopped (the reason is logged); never rejects.
   */
  afterReady: Promise<boolean>;
}

type Log = (line: string) => void;

/**
 * Demo data of a node, in the seeds' proportions (scaled so npm start stays fast): at a
 * district its stations and its members, then (`afterReady`, while the launcher already prints
 * ready) the stations' week of visits and upgrades, a year of work records and 零工之家 (the wish → dispatch loop
 * comes after both: demo-loop.ts); at every node the worker-density
 * heat map of its subtree (reference data each node imports for itself); at a province or city
 * the directives of apps/stations/src/directive/demo-directives.ts, addressed to the children
 * it runs. A node that already has data keeps it, so a restart shows what the previous run built.
 */
export async function loadNodeDemo(settings: FederationSettings, node: TopologyNode, scale: DemoScale, log: Log, directivesIssued: Promise<void> = Promise.resolve()): Promise<NodeDemo> {
  // GB/T 2260 codes nest: a district's code starts with its city's and its province's.
  const leaves = settings.topology.filter((n) => isLeaf(settings.topology, n) && n.code.startsWith(node.code));
  await ensureWorkerDensity(settings, node, leaves, scale);
  if (!isLeaf(settings.topology, node)) {
    await ensureOwnStandard(settings, node);
    const children = childrenOf(settings.topology, node.code).map((child) => child.code);
    const issued = await issueDemoDirectives(serviceUrl(node, 'stations'), node.code, nodeOfficerTokens(node), children);
    if (issued.length > 0) log(`${divisionName(node.code) ?? node.code} (${node.code}): ${issued.length} 指令 directives issued`);
    return { node, stationIds: [], loop: null, afterReady: Promise.resolve(true) };
  }
  const label = `${divisionName(node.code) ?? node.code} (${node.code})`;
  const [{ stations, history }] = await Promise.all([ensureStations(settings, node, scale, log, label, directivesIssued), ensureMembers(settings, node, scale, log, label)]);
  // Jobs waits on the bus (the SMS codes, the station reaching the jobs service) more than it computes: beside the records.
  const afterReady = Promise.all([history(), ensureWorkRecords(node, stations, log, label), ensureJobs(node, stations, log, label)]).then(
    () => true,
    (error: unknown) => {
      log(`${label}: 演示数据未载完 demo data stopped: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    },
  );
  const loop: LoopDemo = {
    wishesUrl: serviceUrl(node, 'wishes'),
    dispatchUrl: serviceUrl(node, 'dispatch'),
    districtCode: node.code,
    officerTokens: nodeOfficerTokens(node),
    stations,
    wishes: scale.wishes,
    volunteers: scale.volunteers,
  };
  return { node, stationIds: stations.map((s) => s.id), loop, afterReady };
}

/** A year of the district's work (activities, welfare, programmes, funds, legal aid), once: a node with programmes keeps what it has. */
async function ensureWorkRecords(node: TopologyNode, stations: DemoStation[], log: Log, label: string): Promise<void> {
  const stationsApi = serviceUrl(node, 'stations');
  if ((await requestOk(stationsApi, 'GET', '/programmes?limit=1')).items.length > 0 || stations.length === 0) return;
  const started = Date.now();
  const token = await nodeOfficerTokens(node)({ subject: 'demo-loader', role: 'district_officer', node: node.code });
  const records = await loadWorkRecordsDemo(stationsApi, node.code, token, stations);
  log(`${label}: ${records.activities} 活动, ${records.signUpActivities} 活动报名中 (${records.signUps} 报名), ${records.handouts} 关爱物资发放, ${records.deliveries} 民生实事服务, ${records.budgets} 经费预算, ${records.legalCases} 法律援助案件 in ${seconds(started)}`);
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * The district's stations; `history` loads their reviews, notices, week of visits and upgrades.
 * Stations already there (a restart) are kept, and `history` loads what of it an earlier start
 * did not (one killed after the stations, before or during their history): nothing twice.
 */
async function ensureStations(settings: FederationSettings, node: TopologyNode, scale: DemoScale, log: Log, label: string, directivesIssued: Promise<void>): Promise<{ stations: DemoStation[]; history: () => Promise<void> }> {
  const started = Date.now();
  const demo = await ensureStationsDemo(serviceUrl(node, 'stations'), node.code, nodeOfficerTokens(node), scale.stations, scale.visits);
  if (demo.registeredNow) log(`${label}: ${demo.stations.length} 驿站 stations in ${seconds(started)}`);
  return {
    stations: demo.stations,
    history: async () => {
      const since = Date.now();
      const { reviews, visits, upgraded, notices } = await demo.loadHistory(directivesIssued);
      if (reviews + visits + upgraded + notices > 0) log(`${label}: ${reviews} 星级评定 reviews, ${visits} 到访 visits (7 days), ${upgraded} 驿站提档升级 upgraded, ${notices} 驿站公示 notices in ${seconds(since)}`);
    },
  };
}

/**
 * The standards the cities and the province adopt for themselves (each district adopts its own in
 * the stations demo): 嘉兴 builds to 六有 (seed 001), 衢州 to 八有 (its own directive, seed 000's
 * wording); the seeds name none for 浙江, so it holds its districts to 六有, the floor every
 * district's own standard contains.
 */
const OWN_STANDARDS: Record<string, string> = { '33': 'liu_you', '3304': 'liu_you', '3308': 'ba_you' };

async function ensureOwnStandard(settings: FederationSettings, node: TopologyNode): Promise<void> {
  const standard = OWN_STANDARDS[node.code];
  if (!standard) return;
  const role = node.code.length === 2 ? 'province_officer' : 'city_officer';
  const token = await nodeOfficerTokens(node)({ subject: 'demo-loader', role, node: node.code });
  await adoptStandard(serviceUrl(node, 'stations'), token, standard);
}

async function ensureWorkerDensity(settings: FederationSettings, node: TopologyNode, leaves: TopologyNode[], scale: DemoScale): Promise<void> {
  const coverage = await requestOk(serviceUrl(node, 'stations'), 'GET', '/coverage?limit=1');
  if (coverage.totalWorkers > 0) return;
  const points = leaves.flatMap((leaf) => workerDensity(leaf.code, scale.stations));
  await importWorkerDensity(serviceUrl(node, 'stations'), node.code, points, nodeOfficerTokens(node));
}

/** Districts enrol members in proportion to their workers, 柯城 being the seeds' 8 700. */
/** 零工之家 at a district: an approved company and householder, four postings around its first station, a seeker nearby. */
async function ensureJobs(node: TopologyNode, stations: DemoStation[], log: Log, label: string): Promise<void> {
  const station = stations[0];
  if (!station) return;
  const since = Date.now();
  const token = await nodeOfficerTokens(node)({ subject: 'demo-loader', role: 'district_officer', node: node.code });
  const result = await loadJobsDemo({
    jobsUrl: serviceUrl(node, 'jobs'),
    notifyUrl: serviceUrl(node, 'notify'),
    nodeCode: node.code,
    streetCode: station.streetCode,
    around: station.location,
    stationId: station.id,
    officerToken: token,
  });
  if (!result.skipped) log(`${label}: 零工之家 ${result.postings} postings, ${result.seekers} seeker, ${result.fairs} 招聘会 (${seconds(since)})`);
}

async function ensureMembers(settings: FederationSettings, node: TopologyNode, scale: DemoScale, log: Log, label: string): Promise<void> {
  const api = serviceUrl(node, 'membership');
  const stats = await requestOk(api, 'GET', '/members/stats?by=union');
  if (Object.values(stats.totals as Record<string, number>).some((n) => n > 0)) return;
  const factor = scale.members * (profileOf(node.code).workers / profileOf('330802').workers);
  const token = await nodeOfficerTokens(node)({ subject: 'demo-loader', role: 'district_officer', node: node.code });
  // Made-up people of different districts never share an index (an ID number).
  const personOffset = (Number(node.code) % 1000) * 100_000;
  const started = Date.now();
  const result = await loadMembershipDemo({ baseUrl: api, token, nodeCode: node.code, factor, personOffset });
  log(`${label}: ${result.unions} 工会 unions, ${result.approved} 会员 members, ${result.pending} 待审核 pending in ${seconds(started)}`);
}

/** The demo's one node that leaves its directives unacknowledged, so the issuer shows a pending child. */
const SLOW_TO_ACKNOWLEDGE = '330424';
const ACKNOWLEDGE_POLL_MS = 1_000;
const ACKNOWLEDGE_TRIES = 60;

/**
 * Acknowledges, as the node's officer, the directives its ancestors issued once they have come
 * down the DIR streams (a second or so after the issue). Runs after start-up; returns its stop.
 */
export function acknowledgeWhenReceived(settings: FederationSettings, node: TopologyNode, log: Log): () => void {
  if (!node.parent || node.code === SLOW_TO_ACKNOWLEDGE) return () => undefined;
  let tries = 0;
  const timer = setInterval(() => {
    tries += 1;
    if (tries >= ACKNOWLEDGE_TRIES) clearInterval(timer);
    acknowledgeDemoDirectives(serviceUrl(node, 'stations'), node.code, nodeOfficerTokens(node))
      .then((count) => {
        if (count > 0) {
          clearInterval(timer);
          log(`${divisionName(node.code) ?? node.code} (${node.code}): ${count} 指令 directives acknowledged`);
        }
      })
      .catch(() => undefined);
  }, ACKNOWLEDGE_POLL_MS);
  return () => clearInterval(timer);
}
