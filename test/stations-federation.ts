import type { FederationNodeSpec } from '@ws/testing/service-process';
import type { ProcessNode } from '@ws/testing/process-federation';

/**
 * The stations service across a federation of processes (@ws/testing's ProcessFederation): a
 * province, a city and two districts, each with its own nats-server, which the fault tests and
 * bench:federation run against, and what they ask of each node's stations service. Real division
 * codes are safe here: every node has its own servers and streams.
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

/** Registers `count` open-24h stations at a district, as its own officer; their ids. */
export async function registerStations(node: ProcessNode, count: number): Promise<string[]> {
  const token = await node.token();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const registered = await node.ok('stations', 'POST', '/stations', {
      token,
      body: {
        name: `联邦测试驿站${node.code}-${i}`, kind: 'station', tier: 'community', host: 'community_centre', streetCode: `${node.code}001`,
        address: `测试路${i}号`, location: { lng: 118.85 + i * 0.002, lat: 28.95 + i * 0.002 }, hours: { open24h: true }, facilities: ['microwave'],
      },
    });
    ids.push(registered.stationId);
  }
  return ids;
}

/** Days around today (UTC ± 1 covers today in Asia/Shanghai). */
function visitRange(): { from: string; to: string } {
  const day = 86_400_000;
  return { from: new Date(Date.now() - day).toISOString().slice(0, 10), to: new Date(Date.now() + day).toISOString().slice(0, 10) };
}

/** The node's visits read model, per district (GET /visits?by=district). */
export async function visitsByDistrict(node: ProcessNode): Promise<Record<string, number>> {
  const { from, to } = visitRange();
  const body = (await node.ok('stations', 'GET', `/visits?from=${from}&to=${to}&by=district`)) as { rows: Array<{ key: string; visits: number }> };
  return Object.fromEntries(body.rows.map((row) => [row.key, row.visits]));
}

/** The node's station directory, per district (GET /stations?district=…, its total). */
export async function stationsOf(node: ProcessNode, district: string): Promise<number> {
  return ((await node.ok('stations', 'GET', `/stations?limit=1&district=${district}`)) as { total: number }).total;
}
