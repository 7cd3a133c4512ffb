import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { nodeFromCode, nodeRef, NodeRef, publicOrigin, SERVICE_PORT_OFFSETS } from '@ws/contracts';
import { loadConfig, parseTrustedProxies } from '@ws/kernel';
import { natsCaFileOf } from '@ws/messaging';
import { NodeLink, parseNodeLinks } from './nodes/node-links';

/** The services the node web front proxies under /api/<app>/ (every method). */
export const UPSTREAM_APPS = ['stations', 'membership', 'wishes', 'dispatch', 'identity', 'notify', 'jobs'] as const;
export type UpstreamApp = (typeof UPSTREAM_APPS)[number];
/** The services every node runs: without an explicit URL they are found in the front's own port block. */
const BLOCK_APPS = ['stations', 'membership', 'wishes', 'dispatch', 'identity', 'notify', 'jobs'] as const satisfies readonly UpstreamApp[];
type BlockApp = (typeof BLOCK_APPS)[number];

/**
 * Settings of the dashboard process (see apps/dashboard/README.md). It has no database: it only
 * reads. Every field has an explicit type: class-transformer converts env strings by the
 * emitted design type, which is Object for an unannotated initialiser.
 */
export class DashboardEnv {
  @Matches(/^(\d{2}|\d{4}|\d{6}|x[0-9a-f]{5})$/, { message: 'NODE_CODE must be a 2, 4 or 6 digit GB/T 2260 code' })
  NODE_CODE: string = '330802';

  @IsString()
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** The node's CA file: the connection to NATS_URL is TLS, checked against it (natsCaFileOf: required in production). */
  @IsOptional() @IsString()
  NATS_CA_FILE?: string;

  @IsString()
  EVT_STREAM: string = 'EVT';

  @IsInt() @Min(0) @Max(65535)
  HTTP_PORT: number = 3000;

  @IsString()
  HTTP_HOST: string = '127.0.0.1';

  /** Base URLs of the node's services; default: this port's block in tools/topology.ts. */
  @IsOptional() @IsString() STATIONS_URL?: string;
  @IsOptional() @IsString() MEMBERSHIP_URL?: string;
  @IsOptional() @IsString() WISHES_URL?: string;
  @IsOptional() @IsString() DISPATCH_URL?: string;
  @IsOptional() @IsString() IDENTITY_URL?: string;
  @IsOptional() @IsString() NOTIFY_URL?: string;
  @IsOptional() @IsString() JOBS_URL?: string;

  /**
   * Where people reach this node: an origin (https://gh.union.example) or a host name, which
   * then gets http and this front's port. Default http://127.0.0.1:<HTTP_PORT>.
   */
  @IsOptional() @IsString()
  WAYSTATION_PUBLIC_HOST?: string;

  /** Child nodes' dashboards for drill-down: "3308=http://host:4200,3304=http://host:4300". */
  @IsOptional() @IsString()
  CHILD_DASHBOARDS?: string;

  /** The parent node's dashboard, "33=http://host:4100", for the way back up. */
  @IsOptional() @IsString()
  PARENT_DASHBOARD?: string;

  @IsInt() @Min(5) @Max(500)
  LIVE_FEED_SIZE: number = 30;

  /** Open live (SSE) connections the node serves at once; one more is 503 (each holds a socket and a share of every push). */
  @IsInt() @Min(1) @Max(100_000)
  LIVE_MAX_CLIENTS: number = 500;

  /** A reverse proxy in front whose x-forwarded-for is believed (see TRUSTED_PROXIES of the services); default none. */
  @IsString()
  TRUSTED_PROXIES: string = 'none';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';
}

export interface DashboardConfig {
  node: NodeRef;
  natsUrl: string;
  /** See PlatformConfig.natsCaFile. */
  natsCaFile?: string;
  evtStream: string;
  http: { port: number; host: string };
  /** The node's public origin (no trailing slash): what printed links and QR codes point at. */
  publicOrigin: string;
  /** Only configured services are proxied; the page shows 暂无数据 for the others. */
  upstreams: Partial<Record<UpstreamApp, string>>;
  children: NodeLink[];
  parent?: NodeLink;
  liveFeedSize: number;
  liveMaxClients: number;
  trustedProxies: string[];
  logLevel: string;
  /** Where the built single-page apps are (<root>/<name>/index.html); default: dist/spa found from the code. */
  spaRoot?: string;
}

function defaultUpstream(dashboardPort: number, app: BlockApp): string | undefined {
  if (dashboardPort === 0) return undefined;
  const blockStart = dashboardPort - SERVICE_PORT_OFFSETS.dashboard;
  return `http://127.0.0.1:${blockStart + SERVICE_PORT_OFFSETS[app]}`;
}

export function dashboardConfig(env: NodeJS.ProcessEnv = process.env): DashboardConfig {
  const raw = loadConfig(DashboardEnv, env);
  const node = raw.NODE_CODE.startsWith('x') ? nodeRef(raw.NODE_CODE) : nodeFromCode(raw.NODE_CODE);
  const explicit: Record<UpstreamApp, string | undefined> = {
    stations: raw.STATIONS_URL,
    membership: raw.MEMBERSHIP_URL,
    wishes: raw.WISHES_URL,
    dispatch: raw.DISPATCH_URL,
    identity: raw.IDENTITY_URL,
    notify: raw.NOTIFY_URL,
    jobs: raw.JOBS_URL,
  };
  const upstreams: Partial<Record<UpstreamApp, string>> = {};
  for (const app of UPSTREAM_APPS) {
    const url = explicit[app] ?? ((BLOCK_APPS as readonly string[]).includes(app) ? defaultUpstream(raw.HTTP_PORT, app as BlockApp) : undefined);
    if (url) upstreams[app] = url.replace(/\/+$/, '');
  }
  const [parent] = parseNodeLinks(raw.PARENT_DASHBOARD ?? '');
  const natsCaFile = natsCaFileOf(env);
  return {
    node,
    natsUrl: raw.NATS_URL,
    ...(natsCaFile ? { natsCaFile } : {}),
    evtStream: raw.EVT_STREAM,
    http: { port: raw.HTTP_PORT, host: raw.HTTP_HOST },
    publicOrigin: publicOrigin(raw.WAYSTATION_PUBLIC_HOST, raw.HTTP_PORT),
    upstreams,
    children: parseNodeLinks(raw.CHILD_DASHBOARDS ?? ''),
    ...(parent ? { parent } : {}),
    liveFeedSize: raw.LIVE_FEED_SIZE,
    liveMaxClients: raw.LIVE_MAX_CLIENTS,
    trustedProxies: parseTrustedProxies(raw.TRUSTED_PROXIES),
    logLevel: raw.LOG_LEVEL,
  };
}
