import { NodeRef, NO_LEVEL } from './nodes';

/**
 * Subjects have fixed token positions so a filter can select by level, context, aggregate or
 * type with wildcards:
 *   evt.<province>.<city>.<district>.<context>.<aggregate>.<id>.<EventType>
 *   dir.<province>.<city>.<district>.<context>.<DirectiveType>.<id>
 */
const TOKEN = /^[A-Za-z0-9_-]+$/;

function token(value: string, what: string): string {
  if (!TOKEN.test(value)) throw new Error(`${what} is not a valid subject token: ${JSON.stringify(value)}`);
  return value;
}

function nodeTokens(node: NodeRef): string {
  return `${node.province}.${node.city}.${node.district}`;
}

export function eventSubject(node: NodeRef, context: string, aggregate: string, id: string, type: string): string {
  return `evt.${nodeTokens(node)}.${token(context, 'context')}.${token(aggregate, 'aggregate')}.${token(id, 'id')}.${token(type, 'type')}`;
}

export function directiveSubject(node: NodeRef, context: string, type: string, id: string): string {
  return `dir.${nodeTokens(node)}.${token(context, 'context')}.${token(type, 'type')}.${token(id, 'id')}`;
}

/** Everything the node's subtree publishes: the EVT stream's subjects at that node. */
export function subtreeEventFilter(node: NodeRef): string {
  switch (node.level) {
    case 'district':
      return `evt.${node.province}.${node.city}.${node.district}.>`;
    case 'city':
      return `evt.${node.province}.${node.city}.*.>`;
    case 'province':
      return `evt.${node.province}.*.*.>`;
  }
}

/** The node's own events only (its services' reactions listen here, not to the subtree). */
export function ownEventPrefix(node: NodeRef): string {
  return `evt.${nodeTokens(node)}`;
}

/** A context's events in the node's subtree, e.g. evt.33.3308.*.stations.> at a city. */
export function subtreeContextFilter(node: NodeRef, context: string, aggregate = '>'): string {
  const base = subtreeEventFilter(node).slice(0, -2);
  return aggregate === '>' ? `${base}.${token(context, 'context')}.>` : `${base}.${token(context, 'context')}.${aggregate}.>`;
}

/** Directives addressed to a node arrive on its own dir tokens; a node also hears its ancestors'. */
export function subtreeDirectiveFilter(node: NodeRef): string {
  return subtreeEventFilter(node).replace(/^evt\./, 'dir.');
}

export interface ParsedEventSubject {
  province: string;
  city: string;
  district: string;
  context: string;
  aggregate: string;
  id: string;
  type: string;
}

export function parseEventSubject(subject: string): ParsedEventSubject {
  const parts = subject.split('.');
  if (parts.length !== 8 || parts[0] !== 'evt') throw new Error(`not an event subject: ${subject}`);
  const [, province, city, district, context, aggregate, id, type] = parts as [string, ...string[]] as string[];
  return { province: province!, city: city!, district: district!, context: context!, aggregate: aggregate!, id: id!, type: type! };
}

/** The node code that published a subject (the deepest level that is not `_`). */
export function nodeCodeOfSubject(subject: string): string {
  const { province, city, district } = parseEventSubject(subject);
  return deepest(province, city, district);
}

/** The node code that issued a directive subject (dir.<province>.<city>.<district>.…). */
export function nodeCodeOfDirectiveSubject(subject: string): string {
  const [prefix, province, city, district] = subject.split('.');
  if (prefix !== 'dir' || !province || !city || !district) throw new Error(`not a directive subject: ${subject}`);
  return deepest(province, city, district);
}

function deepest(province: string, city: string, district: string): string {
  return district !== NO_LEVEL ? district : city !== NO_LEVEL ? city : province;
}
