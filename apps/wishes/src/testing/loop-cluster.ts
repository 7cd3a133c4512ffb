import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, NatsConnection } from '@nats-io/transport-node';
import { Client } from 'pg';
import { eventSubject, nodeRef } from '@ws/contracts';
import type { EventEnvelope, NodeRef, StationRegistered } from '@ws/contracts';
import { eventHeaders } from '@ws/eventstore';
import { newId, signToken } from '@ws/kernel';
import type { Principal, Role } from '@ws/kernel';
import { decodeEnvelope } from '@ws/messaging';

/**
 * The wishes and dispatch services as built processes (`node dist/apps/<svc>/main.js`) on one
 * synthetic node with its own streams and databases: for the e2e loop test and the benchmark.
 * Stations are announced on the stream as the stations context would announce them.
 */

export type LoopService = 'wishes' | 'dispatch';

export interface HttpResult {
  status: number;
  body: any;
}

export interface LoopClusterOptions {
  nodeCode: string;
  pgUrl: string;
  natsUrl: string;
  /** Extra environment per service (deadline scale, invitation TTL, sweep intervals …). */
  env?: Partial<Record<LoopService, Record<string, string>>>;
  /** Where the processes' output goes; default: dropped unless they fail to start. */
  logTo?: 'inherit' | 'ignore';
}

const JWT_SECRET = 'wishes-loop-e2e-secret-0123456789';
/** The repository root (where package.json is), from the sources or from dist/. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const ROOT = repositoryRoot();

export const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' }));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class LoopCluster {
  readonly node: NodeRef;
  readonly streams: { evt: string; dir: string };
  private readonly ports = new Map<LoopService, number>();
  private readonly children = new Map<LoopService, ChildProcess>();
  private readonly output = new Map<LoopService, string[]>();
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

  async start(service: LoopService): Promise<void> {
    if (!this.ports.has(service)) this.ports.set(service, await freePort());
    const log: string[] = [];
    this.output.set(service, log);
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', service, 'main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_CODE: this.node.code,
        PG_URL: this.options.pgUrl,
        NATS_URL: this.options.natsUrl,
        EVT_STREAM: this.streams.evt,
        DIR_STREAM: this.streams.dir,
        HTTP_PORT: String(this.ports.get(service)),
        JWT_SECRET,
        THROTTLE_PER_MINUTE: '1000000',
        LOG_LEVEL: 'warn',
        ...this.options.env?.[service],
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.length > 200) log.shift();
      if (this.options.logTo === 'inherit') process.stderr.write(`[${service}] ${chunk.toString()}`);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.children.set(service, child);
    await this.waitForHealth(service, child);
  }

  /** SIGKILL: the process dies mid-flow without draining anything. */
  async kill(service: LoopService): Promise<void> {
    await this.stopChild(service, 'SIGKILL');
  }

  async stop(service: LoopService): Promise<void> {
    await this.stopChild(service, 'SIGTERM');
  }

  async restart(service: LoopService): Promise<void> {
    await this.start(service);
  }

  /** Stops the processes, drops their databases and the node's streams. */
  async dispose(): Promise<void> {
    await Promise.all([...this.children.keys()].map((service) => this.stop(service)));
    const admin = new Client({ connectionString: this.options.pgUrl });
    await admin.connect();
    try {
      for (const service of ['wishes', 'dispatch']) await admin.query(`drop database if exists "n${this.node.code}_${service}" with (force)`);
    } finally {
      await admin.end();
    }
    if (this.nc) {
      const jsm = await jetstreamManager(this.nc);
      for (const name of [this.streams.evt, this.streams.dir]) await jsm.streams.delete(name).catch(() => undefined);
      await this.nc.close();
      this.nc = undefined;
    }
  }

  logs(service: LoopService): string {
    return (this.output.get(service) ?? []).join('');
  }

  token(role: Role, extra: Partial<Principal> = {}): Promise<string> {
    return signToken(JWT_SECRET, { subject: `e2e-${role}`, role, node: this.node.code, ...extra });
  }

  async http(service: LoopService, method: 'GET' | 'POST' | 'PUT', path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url(service)}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** As http(), but a status other than `expected` throws with the problem body. */
  async ok(service: LoopService, method: 'GET' | 'POST' | 'PUT', path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}, expected = [200, 201]): Promise<any> {
    const result = await this.http(service, method, path, options);
    if (!expected.includes(result.status)) throw new Error(`${method} ${service}${path} → ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  /** The stations context announcing a station on the node's stream. */
  async registerStation(overrides: Partial<StationRegistered['data']> = {}): Promise<StationRegistered['data']> {
    const stationId = newId();
    const data = {
      stationId,
      name: '柯城测试社区微站',
      kind: 'station',
      tier: 'community',
      host: 'community_centre',
      streetCode: this.street,
      communityCode: `${this.street}001`,
      address: '测试路 1 号',
      location: { lng: 118.87, lat: 28.94 },
      hours: { kind: 'always' },
      seats: 6,
      contactPhone: null,
      managerId: null,
      facilities: [],
      ...overrides,
    } as unknown as StationRegistered['data'];
    await this.publish('stations', 'station', stationId, 'StationRegistered', data);
    return data;
  }

  async publish<T>(context: string, aggregate: string, aggregateId: string, type: string, data: T): Promise<void> {
    const eventId = newId();
    const envelope: EventEnvelope<string, T> = {
      eventId,
      type,
      schema: 1,
      streamId: `${aggregate}-${aggregateId}`,
      streamVersion: 1,
      occurredAt: new Date().toISOString(),
      data,
      metadata: { correlationId: eventId, causationId: eventId, node: this.node.code, actor: 'e2e' },
    };
    const hdrs = natsHeaders();
    for (const [key, value] of Object.entries(eventHeaders(envelope))) hdrs.set(key, value);
    await jetstream(await this.bus()).publish(eventSubject(this.node, context, aggregate, aggregateId, type), JSON.stringify(envelope), { msgID: eventId, headers: hdrs });
  }

  /** Every event on the node's stream under `evt.<node>.<suffix>`, in stream order. */
  async streamEvents(suffix: string): Promise<EventEnvelope[]> {
    const nc = await this.bus();
    const subject = `evt.${this.node.province}.${this.node.city}.${this.node.district}.${suffix}`;
    const info = await (await jetstreamManager(nc)).streams.info(this.streams.evt, { subjects_filter: subject }).catch(() => undefined);
    const total = Object.values(info?.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
    if (total === 0) return [];
    const consumer = await jetstream(nc).consumers.get(this.streams.evt, { filter_subjects: subject });
    const events: EventEnvelope[] = [];
    for await (const message of await consumer.fetch({ max_messages: total, expires: 5000 })) {
      events.push(decodeEnvelope(message.data));
      if (events.length >= total) break;
    }
    return events;
  }

  /** Registers a volunteer through dispatch's API and logs them in. */
  async volunteer(skill: string, homeStreet = this.street): Promise<{ volunteerId: string; token: string }> {
    const officer = await this.token('district_officer');
    const mobile = `139${String(this.mobileBase + ++this.volunteers).padStart(8, '0')}`;
    const registered = await this.ok('dispatch', 'POST', '/volunteers', {
      token: officer,
      body: { name: '测试志愿者', mobile, type: 'party_member', skills: [{ skill, certificateRef: `cert-${this.volunteers}` }], homeStreet, availability: ALL_WEEK },
    });
    const session = await this.ok('dispatch', 'POST', '/volunteer-sessions', { body: { volunteerId: registered.volunteerId, accessCode: registered.accessCode } });
    return { volunteerId: registered.volunteerId, token: session.token };
  }

  async waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000, everyMs = 100): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  private async bus(): Promise<NatsConnection> {
    this.nc ??= await connect({ servers: this.options.natsUrl });
    return this.nc;
  }

  private async waitForHealth(service: LoopService, child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}:\n${this.logs(service)}`);
      try {
        const response = await fetch(`${this.url(service)}/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${service} did not become healthy:\n${this.logs(service)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private async stopChild(service: LoopService, signal: NodeJS.Signals): Promise<void> {
    const child = this.children.get(service);
    this.children.delete(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill(signal);
    });
  }
}
