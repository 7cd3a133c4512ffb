import {
  DiscardPolicy,
  JetStreamApiError,
  JetStreamManager,
  RetentionPolicy,
  StorageType,
  StreamConfig,
  StreamSource,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { NodeRef, nodeRef, subtreeEventFilter } from '@ws/contracts';

export interface StreamNames {
  evt: string;
  dir: string;
}

export const DEFAULT_STREAM_NAMES: StreamNames = { evt: 'EVT', dir: 'DIR' };

/** A node below this one. Its JetStream domain defaults to `n<code>`. */
export interface ChildNode {
  code: string;
  domain?: string;
}

export interface NodeStreamsOptions {
  names?: StreamNames;
  children?: ChildNode[];
  parent?: { code: string; domain?: string };
  maxAgeDays?: number;
  replicas?: number;
  /**
   * The most bytes EVT keeps (the oldest go first). Set by whoever provisions the node's server
   * (npm start, deploy's streams job: `evtMaxBytesFor`); a service ensuring its streams at boot
   * passes none and leaves the provisioned value as it is (a new stream is then unlimited in
   * bytes, bounded by age). nats-server reserves the amount on its disk when the stream is made.
   */
  evtMaxBytes?: number;
}

const GIB = 1024 ** 3;

/**
 * EVT's byte limit per level, from a district's volume: ~100 stations with ~100 check-ins a day
 * each, most sent one by one (~500 bytes an event with headers), plus applications, wishes,
 * tasks and directives, come to ~6 MB a day, so 2 GiB holds a district's 400 days. A city holds
 * its districts' (~6) too: 8 GiB, ~270 days at that rate; a province its ~60 districts': 32 GiB,
 * ~100 days — past that, age stops mattering and the oldest events go first (the event store in
 * each service's Postgres keeps every event for good; the stream is the bus, not the record).
 */
export const EVT_MAX_BYTES_BY_LEVEL: Record<NodeRef['level'], number> = { district: 2 * GIB, city: 8 * GIB, province: 32 * GIB };

/**
 * The largest message EVT stores: nats-server's default max_payload. An event is at most
 * MAX_EVENT_BYTES (256 KiB, libs/eventstore) plus its headers; anything bigger is refused by
 * the stream itself too, whoever publishes it.
 */
export const EVT_MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * DIR's byte limit, any level: a node's DIR holds what it and its ancestors issue — a few
 * directives a day of a few KB each, ~20 MB over the 400 days kept; 256 MiB leaves room for ten
 * times that. Set when the stream is made only (nats-server 2.9.10 refuses any update of a DIR
 * with a source, so a DIR made before this limit keeps none until it is made again).
 */
export const DIR_MAX_BYTES = 256 * 1024 ** 2;

export function evtMaxBytesFor(node: NodeRef): number {
  return EVT_MAX_BYTES_BY_LEVEL[node.level];
}

const DEFAULT_MAX_AGE_DAYS = 400;
const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const STREAM_NAME_IN_USE = 10058;

export function jetStreamDomain(code: string, domain?: string): string {
  return domain ?? `n${code}`;
}

/** Directives a node issues: its own tokens, addressed to its whole subtree (dir.33.3308._.> at 衢州). */
export function ownDirectiveFilter(node: NodeRef): string {
  return `dir.${node.province}.${node.city}.${node.district}.>`;
}

/**
 * Directives of a node's ancestors, as its parent's DIR stream holds them: the parent's own and
 * what the parent sourced from above. A district of 3308 accepts dir.33.3308._ and dir.33._._
 * (one source takes one filter on 2.9, hence dir.33.*._.>); a city accepts dir.33._._.
 */
export function ancestorDirectiveFilter(node: NodeRef): string | undefined {
  switch (node.level) {
    case 'district':
      return `dir.${node.province}.*._.>`;
    case 'city':
      return `dir.${node.province}._._.>`;
    case 'province':
      return undefined;
  }
}

/**
 * Where a parent's source of a child's EVT gets its messages delivered: `fed.n<child>.evt.…`,
 * one prefix per child, so that the parent's leafnode permissions (nats-config.ts) let each
 * child deliver only into its own source. A child's source of its parent's DIR keeps the
 * server's default (`$JS.S.<id>`): nats-server 2.9.10 refuses every update of a stream with a
 * DIR-like source (it checks the source filter against the local stream's own subjects: "does
 * not overlap with any origin stream subject"), so existing DIR streams could not take a new
 * prefix, and what a parent delivers that way is its directives, meant for all its children.
 */
export function federationDeliverPrefix(childDomain: string): string {
  return `fed.${childDomain}.evt`;
}

function externalSource(stream: string, domain: string, filter: string, deliver: string): StreamSource {
  return { name: stream, external: { api: `$JS.${domain}.API`, deliver }, filter_subject: filter };
}

/**
 * The node's two streams.
 *
 * EVT holds the node's whole subtree: its own subjects cover it (so a projection may filter
 * evt.33.3308.*.stations.> at a city, nats 2.9 only accepting filters inside a stream's own
 * subjects), and each child's EVT is sourced through the child's JetStream domain, filtered to
 * the child's subtree (a child cannot contribute events of another node).
 *
 * DIR holds directives. A directive is published on its issuer's tokens and addressed to the
 * issuer's whole subtree; a target for one child is part of the payload. A node's DIR captures
 * what it issues and sources its parent's DIR filtered to its ancestors' directives, so
 * directives flow down hop by hop. Those sourced subjects lie outside the DIR's own subjects,
 * so on 2.9 a consumer of DIR reads it unfiltered and dispatches on the directive type.
 *
 * Idempotent: an existing stream is updated in place, never deleted (sources track sequences).
 */
export async function ensureNodeStreams(jsm: JetStreamManager, node: NodeRef, options: NodeStreamsOptions = {}): Promise<void> {
  const names = options.names ?? DEFAULT_STREAM_NAMES;
  const limits = {
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos((options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS) * DAY_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: options.replicas ?? 1,
  };
  const children = options.children ?? [];
  await ensureStream(jsm, {
    ...limits,
    max_msg_size: EVT_MAX_MESSAGE_BYTES,
    ...(options.evtMaxBytes !== undefined ? { max_bytes: options.evtMaxBytes } : {}),
    name: names.evt,
    description: `Events of node ${node.code} and its subtree`,
    subjects: [subtreeEventFilter(node)],
    sources: children.map((child) => {
      const domain = jetStreamDomain(child.code, child.domain);
      return externalSource(names.evt, domain, subtreeEventFilter(nodeRef(child.code)), federationDeliverPrefix(domain));
    }),
  });
  const parent = options.parent;
  const fromAncestors = ancestorDirectiveFilter(node);
  await ensureStream(
    jsm,
    {
      ...limits,
      name: names.dir,
      description: `Directives issued by node ${node.code} and by its ancestors`,
      subjects: [ownDirectiveFilter(node)],
      sources: parent && fromAncestors ? [externalSource(names.dir, jetStreamDomain(parent.code, parent.domain), fromAncestors, '')] : [],
    },
    { max_bytes: DIR_MAX_BYTES, max_msg_size: EVT_MAX_MESSAGE_BYTES },
  );
}

type DesiredStream = Pick<
  StreamConfig,
  'name' | 'description' | 'subjects' | 'retention' | 'storage' | 'discard' | 'max_age' | 'duplicate_window' | 'num_replicas'
> &
  Partial<Pick<StreamConfig, 'max_bytes' | 'max_msg_size'>> & { sources: StreamSource[] };

/** `atCreation`: limits the stream is made with and never updated to (DIR's, above). */
async function ensureStream(jsm: JetStreamManager, desired: DesiredStream, atCreation: Partial<Pick<StreamConfig, 'max_bytes' | 'max_msg_size'>> = {}): Promise<void> {
  const existing = await jsm.streams.info(desired.name).catch((error: unknown) => {
    if (error instanceof JetStreamApiError && error.code === 10059) return undefined;
    throw error;
  });
  if (!existing) {
    try {
      await jsm.streams.add({ ...desired, ...atCreation });
      return;
    } catch (error) {
      // Another service of the node created it a moment ago: fall through to the update.
      if (!(error instanceof JetStreamApiError && error.code === STREAM_NAME_IN_USE)) throw error;
    }
  } else if (sameConfig(existing.config, desired)) {
    return;
  }
  const { name, retention: _retention, storage: _storage, ...updatable } = desired;
  await jsm.streams.update(name, updatable);
}

function sameConfig(current: StreamConfig, desired: DesiredStream): boolean {
  return (
    current.description === desired.description &&
    sameList(current.subjects ?? [], desired.subjects) &&
    sameList((current.sources ?? []).map(sourceKey), desired.sources.map(sourceKey)) &&
    current.max_age === desired.max_age &&
    current.duplicate_window === desired.duplicate_window &&
    current.num_replicas === desired.num_replicas &&
    current.discard === desired.discard &&
    // DIR sets these at creation only (nats-server 2.9.10 cannot update a DIR with a source); a limit left out is left as it is.
    (desired.max_bytes === undefined || current.max_bytes === desired.max_bytes) &&
    (desired.max_msg_size === undefined || current.max_msg_size === desired.max_msg_size)
  );
}

function sourceKey(source: StreamSource): string {
  return `${source.name}|${source.external?.api ?? ''}|${source.external?.deliver ?? ''}|${source.filter_subject ?? ''}`;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}
