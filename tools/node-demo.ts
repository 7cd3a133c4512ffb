import { divisionName } from '@ws/contracts';
import { signToken } from '@ws/kernel';
import { loadMembershipDemo } from '../apps/membership/src/demo/load-membership-demo';
import { importWorkerDensity, workerDensity } from './demo-coverage';
import { loadStationsDemo, profileOf } from './demo-data';
import { FederationSettings, serviceUrl } from './node-services';
import { isLeaf, TopologyNode } from './topology';

/**
 * Demo data of a node, in the seeds' proportions (scaled so npm start stays fast): at a
 * district its stations, a week of visits and its members; at every node the worker-density
 * heat map of its subtree (reference data each node imports for itself). A node that already
 * has data keeps it, so a restart shows what the previous run built.
 */
export interface DemoScale {
  /** 1 = the seeds' station counts and visits a day. */
  stations: number;
  /** 1 = 8 700 members at 柯城 (the seeds' figure), other districts in proportion to their workers. */
  members: number;
}

export const DEFAULT_DEMO_SCALE: DemoScale = { stations: 1, members: 0.05 };

export interface NodeDemo {
  node: TopologyNode;
  /** The district's stations, for the live check-ins; none above a district. */
  stationIds: string[];
}

type Log = (line: string) => void;

export async function loadNodeDemo(settings: FederationSettings, node: TopologyNode, scale: DemoScale, log: Log): Promise<NodeDemo> {
  // GB/T 2260 codes nest: a district's code starts with its city's and its province's.
  const leaves = settings.topology.filter((n) => isLeaf(settings.topology, n) && n.code.startsWith(node.code));
  await ensureWorkerDensity(settings, node, leaves, scale);
  if (!isLeaf(settings.topology, node)) return { node, stationIds: [] };
  const label = `${divisionName(node.code) ?? node.code} (${node.code})`;
  const stationIds = await ensureStations(settings, node, scale, log, label);
  await ensureMembers(settings, node, scale, log, label);
  return { node, stationIds };
}

async function getJson(url: string): Promise<any> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}: ${await response.text()}`);
  return response.json();
}

async function ensureStations(settings: FederationSettings, node: TopologyNode, scale: DemoScale, log: Log, label: string): Promise<string[]> {
  const page = await getJson(`${serviceUrl(node, 'stations')}/stations?pageSize=500&district=${node.code}`);
  if (page.total > 0) return (page.items as Array<{ id: string }>).map((s) => s.id);
  const demo = await loadStationsDemo(serviceUrl(node, 'stations'), node.code, settings.jwtSecret, scale.stations);
  log(`${label}: ${demo.stations.length} 驿站 stations, ${demo.visits} 到访 visits (7 days)`);
  return demo.stations.map((s) => s.id);
}

async function ensureWorkerDensity(settings: FederationSettings, node: TopologyNode, leaves: TopologyNode[], scale: DemoScale): Promise<void> {
  const coverage = await getJson(`${serviceUrl(node, 'stations')}/coverage?limit=1`);
  if (coverage.totalWorkers > 0) return;
  const points = leaves.flatMap((leaf) => workerDensity(leaf.code, scale.stations));
  await importWorkerDensity(serviceUrl(node, 'stations'), node.code, points, settings.jwtSecret);
}

/** Districts enrol members in proportion to their workers, 柯城 being the seeds' 8 700. */
async function ensureMembers(settings: FederationSettings, node: TopologyNode, scale: DemoScale, log: Log, label: string): Promise<void> {
  const api = serviceUrl(node, 'membership');
  const stats = await getJson(`${api}/members/stats?by=union`);
  if (Object.values(stats.totals as Record<string, number>).some((n) => n > 0)) return;
  const factor = scale.members * (profileOf(node.code).workers / profileOf('330802').workers);
  const token = await signToken(settings.jwtSecret, { subject: 'demo-loader', role: 'district_officer', node: node.code });
  // Made-up people of different districts never share an index (an ID number).
  const personOffset = (Number(node.code) % 1000) * 100_000;
  const result = await loadMembershipDemo({ baseUrl: api, token, nodeCode: node.code, factor, personOffset });
  log(`${label}: ${result.unions} 工会 unions, ${result.approved} 会员 members, ${result.pending} 待审核 pending`);
}
