import { connect, NatsConnection } from '@ws/testing/nats';
import { Client } from 'pg';
import { nodeRef } from '@ws/contracts';
import type { EventEnvelope, NodeRef, StationRegistered } from '@ws/contracts';
import type { Principal, Role } from '@ws/kernel';
import { requestJson } from '@ws/platform';
import type { JsonRequest, JsonResponse } from '@ws/platform';
import { deleteNodeStreams, freePort, nodeStreamEvents, publishForeignEvent, startServiceProcess } from '@ws/testing/service-process';
import type { ServiceProcess } from '@ws/testing/service-process';
import { announceTestKey, officerToken, testOfficerTokens } from '@ws/testing/officer-tokens';
import { stationAnnouncement } from './station-announcement';

/**
 * The wishes and dispatch services (and notify and membership, for the notification tests) as
 * built processes on one synthetic node with its own streams and databases: for the e2e loop
 * test, the demo loaders' test and the benchmarks. Stations are announced on the stream as the
 * stations context would announce them.
 */

export type LoopService = 'wishes' | 'dispatch' | 'notify' | 'membership';

export interface LoopClusterOptions {
  nodeCode: string;
  pgUrl: string;
  natsUrl: string;
  /** Extra environment per service (deadline scale, invitation TTL, sweep intervals …). */
  env?: Partial<Record<LoopService, Record<string, string>>>;
  /** 'inherit': the services' output is written to stderr when the cluster is disposed. */
  logTo?: 'inherit' | 'ignore';
}

/**
 * How long a wait on the cluster's processes may take (`eventually`'s `timeoutMs`): a restarted
 * service catches up on the stream before it answers anew, on a busy machine tens of seconds.
 */
export const LOOP_TIMEOUT_MS = 90_000;

export const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' }));

export class LoopCluster {
  readonly node: NodeRef;
  readonly streams: { evt: string; dir: string };
  /** Officers' tokens for the demo loaders (the node's test key, announced at the first start). */
  readonly officerTokens = testOfficerTokens();
  private keyAnnounced = false;
  private readonly ports = new Map<LoopService, number>();
  private readonly processes = new Map<LoopService, ServiceProcess>();
  private readonly output = new Map<LoopService, string>();
  private readonly envChanges = new Map<LoopService, Record<string, string>>();
  private nc?: NatsConnection;
  /** Mobiles must be unique per dispatch database; a random base keeps reruns apart too. */
  private readonly mobileBase = Math.floor(Math.random() * 50_000_000);
  private volunteers = 0;

  constructor(private readonly options: LoopClusterOptions) {
    this.node = nodeRef(options.nodeCode);
    this.streams = { evt: `EVT_${options.nodeCode}`, dir: `DIR_${options.nodeCode}` };
  }

  get street(): string {
    return `${this.node.code}001`;
  }

  get otherStreet(): string {
    return `${this.node.code}002`;
  }

  url(service: LoopService): string {
    return `http://127.0.0.1:${this.ports.get(service)}`;
  }

  /** Starts the service (again on the same port after a kill or stop), with the environment its last restart gave it. */
  async start(service: LoopService): Promise<void> {
    if (!this.ports.has(service)) this.ports.set(service, await freePort());
    const env = {
      NODE_CODE: this.node.code,
      PG_URL: this.options.pgUrl,
      NATS_URL: this.options.natsUrl,
      EVT_STREAM: this.streams.evt,
      DIR_STREAM: this.streams.dir,
      LOG_LEVEL: 'warn',
      ...this.options.env?.[service],
      ...this.envChanges.get(service),
    };
    this.processes.set(service, await startServiceProcess(service, env, this.ports.get(service)));
    // The first service made the node's streams: the test key goes on its DIR, as identity would announce it.
    if (!this.keyAnnounced) await announceTestKey(this.options.natsUrl, this.node.code);
    this.keyAnnounced = true;
  }

  /** SIGKILL: the process dies mid-flow without draining anything. */
  async kill(service: LoopService): Promise<void> {
    await this.stopProcess(service, 'SIGKILL');
  }

  async stop(service: LoopService): Promise<void> {
    await this.stopProcess(service, 'SIGTERM');
  }

  /** Starts a stopped or killed service again; `env` changes its environment from now on (a shorter invitation time for one test). */
  async restart(service: LoopService, env?: Record<string, string>): Promise<void> {
    if (env) this.envChanges.set(service, { ...this.envChanges.get(service), ...env });
    await this.start(service);
  }

  /** Stops the processes, drops their databases and the node's streams. */
  async dispose(): Promise<void> {
    await Promise.all([...this.processes.keys()].map((service) => this.stop(service)));
    if (this.options.logTo === 'inherit') for (const [service, text] of this.output) process.stderr.write(`[${service}]\n${text}\n`);
    const admin = new Client({ connectionString: this.options.pgUrl });
    await admin.connect();
    try {
      for (const service of this.ports.keys()) await admin.query(`drop database if exists "n${this.node.code}_${service}" with (force)`);
    } finally {
      await admin.end();
    }
    if (this.nc) {
      await deleteNodeStreams(this.nc, this.streams);
      await this.nc.close();
      this.nc = undefined;
    }
  }

  /** The running service's process id (for CPU figures). */
  pid(service: LoopService): number | undefined {
    return this.processes.get(service)?.child.pid;
  }

  /** What the service wrote to stdout and stderr (all its runs so far). */
  logs(service: LoopService): string {
    return (this.output.get(service) ?? '') + (this.processes.get(service)?.output() ?? '');
  }

  token(role: Role, extra: Partial<Principal> = {}): Promise<string> {
    return officerToken(this.node.code, { role, subject: `e2e-${role}`, ...extra });
  }

  http(service: LoopService, method: 'GET' | 'POST' | 'PUT', path: string, request: JsonRequest = {}): Promise<JsonResponse> {
    return requestJson(this.url(service), method, path, request);
  }

  /** As http(), but a status other than `expected` throws with the problem body. */
  async ok(service: LoopService, method: 'GET' | 'POST' | 'PUT', path: string, request: JsonRequest = {}, expected = [200, 201]): Promise<any> {
    const result = await this.http(service, method, path, request);
    if (!expected.includes(result.status)) throw new Error(`${method} ${service}${path} → ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  /** The stations context announcing a station on the node's stream. */
  async registerStation(overrides: Partial<StationRegistered['data']> = {}): Promise<StationRegistered['data']> {
    const data = stationAnnouncement(this.street, overrides);
    await this.publish('stations', 'station', data.stationId, 'StationRegistered', data);
    return data;
  }

  async publish<T>(context: string, aggregate: string, aggregateId: string, type: string, data: T): Promise<EventEnvelope<string, T>> {
    return publishForeignEvent(await this.bus(), { node: this.node, context, aggregate, aggregateId, type, data });
  }

  /** Every event on the node's stream under `evt.<node>.<suffix>`, in stream order. */
  async streamEvents(suffix: string): Promise<EventEnvelope[]> {
    return nodeStreamEvents(await this.bus(), this.node, this.streams.evt, suffix);
  }

  /** Registers a volunteer through dispatch's API and logs them in. */
  async volunteer(skill: string, homeStreet = this.street, options: { smsConsent?: boolean } = {}): Promise<{ volunteerId: string; token: string; mobile: string }> {
    const officer = await this.token('district_officer');
    const mobile = `139${String(this.mobileBase + ++this.volunteers).padStart(8, '0')}`;
    const registered = await this.ok('dispatch', 'POST', '/volunteers', {
      token: officer,
      body: { name: '测试志愿者', mobile, type: 'party_member', skills: [{ skill, certificateRef: `cert-${this.volunteers}` }], homeStreet, availability: ALL_WEEK, ...options },
    });
    const session = await this.ok('dispatch', 'POST', '/volunteer-sessions', { body: { volunteerId: registered.volunteerId, accessCode: registered.accessCode } });
    return { volunteerId: registered.volunteerId, token: session.token, mobile };
  }

  private async bus(): Promise<NatsConnection> {
    this.nc ??= await connect({ servers: this.options.natsUrl });
    return this.nc;
  }

  private async stopProcess(service: LoopService, signal: NodeJS.Signals): Promise<void> {
    const running = this.processes.get(service);
    this.processes.delete(service);
    if (!running) return;
    // A service that does not drain within 10 s is killed: a test must not hang on it.
    const timer = setTimeout(() => running.child.kill('SIGKILL'), 10_000);
    await running.kill(signal);
    clearTimeout(timer);
    this.output.set(service, (this.output.get(service) ?? '') + running.output());
  }
}
