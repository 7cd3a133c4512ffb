import { createTestDatabase, type TestDatabase } from '@ws/testing';
import { announceTestKey, officerToken } from '@ws/testing/officer-tokens';
import {
  type FederationNodeSpec,
  type NatsFederation,
  type NatsFederationOptions,
  startNatsFederation as startNats,
  startServiceProcess,
  type ServiceProcess,
} from '@ws/testing/service-process';

export type { NatsFederation };

/**
 * A province, a city and two districts on this machine, each with its own nats-server (its
 * JetStream domain, an authenticated leafnode link to its parent) and, where asked, the stations
 * service as a built process with its own database: the federation the fault tests and
 * bench:federation run against. Real division codes are safe here: every node has its own
 * servers and streams.
 */
export const PROVINCE = '33';
export const CITY = '3308';
export const DISTRICTS = ['330802', '330803'] as const;
export const FAULT_TOPOLOGY: FederationNodeSpec[] = [
  { code: PROVINCE },
  { code: CITY, parent: PROVINCE },
  { code: DISTRICTS[0], parent: CITY },
  { code: DISTRICTS[1], parent: CITY },
];

/** Every node's nats-server and streams (@ws/testing/federation); a failed start removes what it started. */
export function startNatsFederation(topology: FederationNodeSpec[] = FAULT_TOPOLOGY, options: NatsFederationOptions = {}): Promise<NatsFederation> {
  return startNats(topology, options);
}

export interface StationsNode {
  code: string;
  service: ServiceProcess;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The stations service of `code` as a built process on the node's nats-server, with a fresh database. */
export async function startStationsNode(federation: NatsFederation, code: string, env: Record<string, string> = {}): Promise<StationsNode> {
  const database = await createTestDatabase(`fed_${code}`);
  try {
    const service = await startServiceProcess('stations', {
      NODE_CODE: code,
      NATS_URL: federation.nats.get(code)!.url,
      PG_DATABASE: database.name,
      ...env,
    });
    await announceTestKey(federation.nats.get(code)!.url, code);
    return {
      code,
      service,
      database,
      async close() {
        await service.kill('SIGTERM');
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A token of the node's own officer (its test key is announced when its stations service starts). */
export function nodeOfficerToken(code: string): Promise<string> {
  const role = code.length === 2 ? 'province_officer' : code.length === 4 ? 'city_officer' : 'district_officer';
  return officerToken(code, { subject: `officer-${code}`, role });
}

/** Registers `count` open-24h stations at a district; their ids. */
export async function registerStations(node: StationsNode, count: number): Promise<string[]> {
  const token = await nodeOfficerToken(node.code);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${node.service.base}/stations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        name: `联邦测试驿站${node.code}-${i}`, kind: 'station', tier: 'community', host: 'community_centre', streetCode: `${node.code}001`,
        address: `测试路${i}号`, location: { lng: 118.85 + i * 0.002, lat: 28.95 + i * 0.002 }, hours: { open24h: true }, facilities: ['microwave'],
      }),
    });
    if (response.status !== 201) throw new Error(`register at ${node.code}: ${response.status} ${await response.text()}`);
    ids.push(((await response.json()) as { stationId: string }).stationId);
  }
  return ids;
}

/** Days around today (UTC ± 1 covers today in Asia/Shanghai). */
function visitRange(): { from: string; to: string } {
  const day = 86_400_000;
  return { from: new Date(Date.now() - day).toISOString().slice(0, 10), to: new Date(Date.now() + day).toISOString().slice(0, 10) };
}

/** The node's visits read model, per district (GET /visits?by=district). */
export async function visitsByDistrict(node: StationsNode): Promise<Record<string, number>> {
  const { from, to } = visitRange();
  const response = await fetch(`${node.service.base}/visits?from=${from}&to=${to}&by=district`);
  if (!response.ok) throw new Error(`visits at ${node.code}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { rows: Array<{ key: string; visits: number }> };
  return Object.fromEntries(body.rows.map((row) => [row.key, row.visits]));
}

/** The node's station directory, per district (GET /stations?district=…, its total). */
export async function stationsOf(node: StationsNode, district: string): Promise<number> {
  const response = await fetch(`${node.service.base}/stations?limit=1&district=${district}`);
  if (!response.ok) throw new Error(`stations at ${node.code}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { total: number }).total;
}
