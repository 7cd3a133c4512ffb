import type { EventEnvelope, NodeRef } from '@ws/contracts';
import type { Principal, Role } from '@ws/kernel';
import { natsConnectOptions } from '@ws/messaging';
import { requestJson, requestOk, type JsonRequest, type JsonResponse } from '@ws/platform';
import { FaultProxy } from './fault-proxy';
import { databaseUrl, dropTestDatabases, NATS_URL, PG_URL, testNodeCode, uniqueSuffix } from './infra';
import { nodeOf } from './nats-federation';
import { connect, type NatsConnection } from './nats';
import { deleteNodeStreams, nodeStreamEvents, publishForeignEvent } from './node-stream';
import { announceTestKey, officerToken, testOfficerTokens } from './officer-tokens';
import { freePort, startServiceProcess, type ServiceProcess } from './service-process';

export interface ProcessNodeOptions<Service extends string = string> {
  /** The node's division code; by default a synthetic one (testNodeCode). */
  code?: string;
  /** The node's nats-server; by default the machine's. */
  natsUrl?: string;
  /** The node's streams; by default its own on a shared nats-server, EVT_<code> and DIR_<code>, deleted at close(). */
  streams?: { evt: string; dir: string };
  /** The services reach Postgres and nats-server through FaultProxies (`faults`), which a test cuts or holds. */
  faultProxies?: boolean;
  /** Extra environment per service (deadline scale, invitation TTL, sweep intervals …). */
  env?: Partial<Record<Service, Record<string, string>>>;
  /** 'inherit': the services' output is written to stderr at close(). */
  logTo?: 'inherit' | 'ignore';
}

/** How a service's process ended: its exit code, or the signal that ended it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const OFFICER_OF_LEVEL: Record<NodeRef['level'], Role> = { province: 'province_officer', city: 'city_officer', district: 'district_officer' };

/**
 * One node's services as built processes (libs/testing's startServiceProcess: they die with the
 * test), each with its own database; a service stops, is killed and starts again on the same
 * port with the same database. The node's test key is announced on its DIR when its first
 * service has started (as identity would announce it), so its officers' tokens are honoured.
 * close() stops every service, drops their databases and, on the machine's nats-server, deletes
 * the node's streams. The one process-based fixture: alone for one node on the machine's
 * servers, or in a ProcessFederation, a node per nats-server.
 */
export class ProcessNode<Service extends string = string> {
  readonly ref: NodeRef;
  readonly streams: { evt: string; dir: string };
  /** Officers' tokens for the demo loaders (the node's test key, announced at its first start). */
  readonly officerTokens = testOfficerTokens();
  private readonly natsUrl: string;
  /** Databases are named per node run: codes of real divisions recur in parallel tests. */
  private readonly databaseSuffix = uniqueSuffix();
  private readonly ownStreams: boolean;
  private keyAnnounced = false;
  private proxies?: { pg: FaultProxy; nats: FaultProxy };
  private readonly ports = new Map<Service, number>();
  private readonly processes = new Map<Service, ServiceProcess>();
  private readonly output = new Map<Service, string>();
  private readonly envChanges = new Map<Service, Record<string, string>>();
  private nc?: NatsConnection;

  constructor(private readonly options: ProcessNodeOptions<Service> = {}) {
    const code = options.code ?? testNodeCode();
    this.ref = nodeOf(code);
    this.natsUrl = options.natsUrl ?? NATS_URL;
    this.ownStreams = !options.streams;
    this.streams = options.streams ?? { evt: `EVT_${code}`, dir: `DIR_${code}` };
  }

  get code(): string {
    return this.ref.code;
  }

  /** The proxies in front of Postgres and nats-server (faultProxies; made at the first start). */
  get faults(): { pg: FaultProxy; nats: FaultProxy } {
    if (!this.proxies) throw new Error('the node was started without faultProxies (or not yet)');
    return this.proxies;
  }

  url(service: Service): string {
    return `http://127.0.0.1:${this.ports.get(service)}`;
  }

  databaseName(service: Service): string {
    return `n${this.code}_${service}_${this.databaseSuffix}`;
  }

  /** The service's database, reached directly (not through a fault proxy). */
  databaseUrl(service: Service): string {
    return databaseUrl(this.databaseName(service));
  }

  /** Starts the service (again on the same port after a kill or stop), with the environment its last restart gave it. */
  async start(service: Service, env: Record<string, string> = {}): Promise<void> {
    if (this.options.faultProxies) this.proxies ??= await this.startProxies();
    if (!this.ports.has(service)) this.ports.set(service, await freePort());
    const running = await startServiceProcess(
      service,
      {
        NODE_CODE: this.code,
        PG_URL: this.proxies ? this.proxies.pg.urlFor(PG_URL) : PG_URL,
        PG_DATABASE: this.databaseName(service),
        NATS_URL: this.proxies ? this.proxies.nats.urlFor(this.natsUrl) : this.natsUrl,
        EVT_STREAM: this.streams.evt,
        DIR_STREAM: this.streams.dir,
        LOG_LEVEL: 'warn',
        ...this.options.env?.[service],
        ...this.envChanges.get(service),
        ...env,
      },
      this.ports.get(service),
    );
    this.processes.set(service, running);
    // The first service made the node's streams (on the machine's nats-server): the test key goes on its DIR.
    if (!this.keyAnnounced) await announceTestKey(this.natsUrl, this.code);
    this.keyAnnounced = true;
  }

  /** SIGKILL: the process dies mid-flow without draining anything. */
  async kill(service: Service): Promise<void> {
    await this.stopProcess(service, 'SIGKILL');
  }

  /** SIGTERM: the service drains and exits (within 10 s, or it is killed); how it ended, undefined if it was not running. */
  stop(service: Service): Promise<ProcessExit | undefined> {
    return this.stopProcess(service, 'SIGTERM');
  }

  /** Starts a stopped or killed service again; `env` changes its environment from now on (a shorter invitation time for one test). */
  async restart(service: Service, env?: Record<string, string>): Promise<void> {
    if (env) this.envChanges.set(service, { ...this.envChanges.get(service), ...env });
    await this.start(service);
  }

  /** The running service's process id (for CPU figures). */
  pid(service: Service): number | undefined {
    return this.processes.get(service)?.child.pid;
  }

  /** The running services' process ids. */
  pids(): number[] {
    return [...this.processes.keys()].map((service) => this.pid(service)).filter((pid): pid is number => pid !== undefined);
  }

  /** The services whose process has ended by itself (a crash under a fault). */
  exited(): Service[] {
    return [...this.processes].filter(([, p]) => p.child.exitCode !== null || p.child.signalCode !== null).map(([service]) => service);
  }

  /** What the service wrote to stdout and stderr (all its runs so far). */
  logs(service: Service): string {
    return (this.output.get(service) ?? '') + (this.processes.get(service)?.output() ?? '');
  }

  /** An officer's token; by default the officer of the node's own level. */
  token(role: Role = OFFICER_OF_LEVEL[this.ref.level], extra: Partial<Principal> = {}): Promise<string> {
    return officerToken(this.code, { role, subject: `e2e-${role}`, ...extra });
  }

  http(service: Service, method: string, path: string, request: JsonRequest = {}): Promise<JsonResponse> {
    return requestJson(this.url(service), method, path, request);
  }

  /** As http(), but a status other than 2xx throws with the problem body. */
  ok(service: Service, method: string, path: string, request: JsonRequest = {}): Promise<any> {
    return requestOk(this.url(service), method, path, request);
  }

  async publish<T>(context: string, aggregate: string, aggregateId: string, type: string, data: T): Promise<EventEnvelope<string, T>> {
    return publishForeignEvent(await this.bus(), { node: this.ref, context, aggregate, aggregateId, type, data });
  }

  /** Every event on the node's stream under `evt.<node>.<suffix>`, in stream order. */
  async streamEvents(suffix: string): Promise<EventEnvelope[]> {
    return nodeStreamEvents(await this.bus(), this.ref, this.streams.evt, suffix);
  }

  /** Stops the services, drops their databases, deletes the node's own streams, closes the proxies. */
  async close(): Promise<void> {
    this.proxies?.pg.restore();
    this.proxies?.nats.restore();
    await Promise.all([...this.processes.keys()].map((service) => this.stop(service)));
    if (this.options.logTo === 'inherit') for (const [service, text] of this.output) process.stderr.write(`[${service}]\n${text}\n`);
    await dropTestDatabases([...this.ports.keys()].map((service) => this.databaseName(service)));
    if (this.ownStreams && this.keyAnnounced) await deleteNodeStreams(await this.bus(), this.streams);
    await this.nc?.close();
    this.nc = undefined;
    await this.proxies?.pg.close();
    await this.proxies?.nats.close();
  }

  private async startProxies(): Promise<{ pg: FaultProxy; nats: FaultProxy }> {
    const pg = await FaultProxy.start(PG_URL);
    return { pg, nats: await FaultProxy.start(this.natsUrl).catch(async (error: unknown) => (await pg.close(), Promise.reject(error))) };
  }

  private async bus(): Promise<NatsConnection> {
    this.nc ??= await connect(natsConnectOptions(this.natsUrl));
    return this.nc;
  }

  private async stopProcess(service: Service, signal: NodeJS.Signals): Promise<ProcessExit | undefined> {
    const running = this.processes.get(service);
    this.processes.delete(service);
    if (!running) return undefined;
    // A service that does not drain within 10 s is killed: a test must not hang on it.
    const timer = setTimeout(() => running.child.kill('SIGKILL'), 10_000);
    await running.kill(signal);
    clearTimeout(timer);
    this.output.set(service, (this.output.get(service) ?? '') + running.output());
    return { code: running.child.exitCode, signal: running.child.signalCode };
  }
}
