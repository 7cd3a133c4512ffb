import { SERVICE_PORT_OFFSETS, type ServiceName } from '@ws/contracts';

/**
 * The nodes and ports `npm start` runs on one machine. Each node gets a block of 100 ports:
 * its services' HTTP ports (SERVICE_PORT_OFFSETS, libs/contracts), its nats-server client and
 * leafnode ports.
 */
export { SERVICE_PORT_OFFSETS, type ServiceName };
/** The services with a database, started at every node; the dashboard (no database: it proxies them) comes after them. */
export const DATA_SERVICES = ['stations', 'membership', 'wishes', 'dispatch', 'identity', 'notify', 'jobs'] as const satisfies readonly ServiceName[];
export type DataService = (typeof DATA_SERVICES)[number];
/** Every service of a node, the dashboard last. */
export const NODE_SERVICES: readonly ServiceName[] = [...DATA_SERVICES, 'dashboard'];
// Offsets keep every node clear of the machine's own nats-server at 4222.
export const NATS_CLIENT_OFFSET = 50;
export const NATS_LEAF_OFFSET = 60;
export const NATS_MONITOR_OFFSET = 70;

export interface TopologyNode {
  code: string;
  parent?: string;
  /** Index of the node's 100-port block above BASE_PORT. */
  slot: number;
}

export const BASE_PORT = 4100;

export function portOf(node: TopologyNode, offset: number): number {
  return BASE_PORT + node.slot * 100 + offset;
}

/**
 * 浙江 ← 衢州 ← 柯城, and 浙江 ← 嘉兴 ← 海盐 / 南湖: one province, two cities, three districts,
 * parents before children.
 */
export const FEDERATION: TopologyNode[] = [
  { code: '33', slot: 0 },
  { code: '3308', parent: '33', slot: 1 },
  { code: '3304', parent: '33', slot: 2 },
  { code: '330802', parent: '3308', slot: 3 },
  { code: '330424', parent: '3304', slot: 4 },
  { code: '330402', parent: '3304', slot: 5 },
];

/** One node per level (浙江 ← 衢州 ← 柯城): the browser test's federation. */
export const CHAIN: TopologyNode[] = FEDERATION.filter((node) => ['33', '3308', '330802'].includes(node.code)).map((node, slot) => ({ ...node, slot }));

/** 柯城 alone, no parent: a district node on its own (the worker pages' browser test, a trial on a laptop). */
export const DISTRICT: TopologyNode[] = [{ code: '330802', slot: 0 }];

export const TOPOLOGIES = { federation: FEDERATION, chain: CHAIN, district: DISTRICT } as const;
export type TopologyName = keyof typeof TOPOLOGIES;

/**
 * The same nodes on other port blocks, from `firstSlot` on: a second federation (a test) beside
 * the one npm start runs on 4100-4699. Slots above 600 would leave the port range.
 */
export function onSlots(topology: TopologyNode[], firstSlot: number): TopologyNode[] {
  const lastSlot = firstSlot + Math.max(...topology.map((node) => node.slot));
  if (firstSlot < 0 || portOf({ code: '', slot: lastSlot }, 99) > 65_535) throw new Error(`slots ${firstSlot}..${lastSlot} leave the port range`);
  return topology.map((node) => ({ ...node, slot: firstSlot + node.slot }));
}

export function childrenOf(topology: TopologyNode[], code: string): TopologyNode[] {
  return topology.filter((n) => n.parent === code);
}

/** The node and every node below it, parents before children. */
export function subtreeOf(topology: TopologyNode[], code: string): string[] {
  return [code, ...childrenOf(topology, code).flatMap((child) => subtreeOf(topology, child.code))];
}

export function isLeaf(topology: TopologyNode[], node: TopologyNode): boolean {
  return childrenOf(topology, node.code).length === 0;
}

export function byCode(topology: TopologyNode[], code: string): TopologyNode {
  const node = topology.find((n) => n.code === code);
  if (!node) throw new Error(`node ${code} is not in the topology`);
  return node;
}
