import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { nodeFromCode, nodeRef, NodeRef } from '@ws/contracts';
import { loadConfig } from '@ws/kernel';
import { SERVICE_PORT_OFFSETS } from '../../../tools/topology';
import { NodeLink, parseNodeLinks } from './nodes/node-links';

/** The services whose read endpoints the dashboard proxies under /api/<app>/. */
export const UPSTREAM_APPS = ['stations', 'membership', 'wishes', 'dispatch'] as const;
export type UpstreamApp = (typeof UPSTREAM_APPS)[number];

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

  /** Child nodes' dashboards for drill-down: "3308=http://host:4200,3304=http://host:4300". */
  @IsOptional() @IsString()
  CHILD_DASHBOARDS?: string;

  /** The parent node's dashboard, "33=http://host:4100", for the way back up. */
  @IsOptional() @IsString()
  PARENT_DASHBOARD?: string;

  @IsInt() @Min(5) @Max(500)
  LIVE_FEED_SIZE: number = 30;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';
}

export interface DashboardConfig {
  node: NodeRef;
  natsUrl: string;
  evtStream: string;
  http: { port: number; host: string };
  /** Only configured services are proxied; the page shows 暂无数据 for the others. */
  upstreams: Partial<Record<UpstreamApp, string>>;
  children: NodeLink[];
  parent?: NodeLink;
  liveFeedSize: number;
  logLevel: string;
}

function defaultUpstream(dashboardPort: number, app: UpstreamApp): string | undefined {
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
  };
  const upstreams: Partial<Record<UpstreamApp, string>> = {};
  for (const app of UPSTREAM_APPS) {
    const url = explicit[app] ?? defaultUpstream(raw.HTTP_PORT, app);
    if (url) upstreams[app] = url.replace(/\/+$/, '');
  }
  const [parent] = parseNodeLinks(raw.PARENT_DASHBOARD ?? '');
  return {
    node,
    natsUrl: raw.NATS_URL,
    evtStream: raw.EVT_STREAM,
    http: { port: raw.HTTP_PORT, host: raw.HTTP_HOST },
    upstreams,
    children: parseNodeLinks(raw.CHILD_DASHBOARDS ?? ''),
    ...(parent ? { parent } : {}),
    liveFeedSize: raw.LIVE_FEED_SIZE,
    logLevel: raw.LOG_LEVEL,
  };
}
