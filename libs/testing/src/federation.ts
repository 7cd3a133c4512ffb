import type { DynamicModule } from '@nestjs/common';
import type { NodeRef } from '@ws/contracts';
import type { Role } from '@ws/kernel';
import type { NatsProcess } from './nats-process';
import type { PlatformConfig } from '@ws/platform';
import { testNodeCode } from './infra';
import { nodeOf, startNatsFederation } from './nats-federation';
import { officerToken } from './officer-tokens';
import { startService } from './service-app';
import type { ServiceHarness } from './service-harness';

/** Who calls: a role of the node's own officers, or an officer of another node (an ancestor acting here). */
export type Caller = Role | { role?: Role; node?: string };

export interface FederatedNode {
  readonly ref: NodeRef;
  readonly nats: NatsProcess;
  readonly service: ServiceHarness;
  /** An officer's token; by default the officer of the node's own level. */
  token(as?: Caller): Promise<string>;
  /** An HTTP request to the node's service, as an officer. */
  request(method: 'GET' | 'POST', url: string, body?: unknown, as?: Caller): Promise<{ status: number; body: any }>;
  /** The same, for the answer's body only. */
  call(method: 'GET' | 'POST', url: string, body?: unknown, as?: Caller): Promise<any>;
}

export interface ServiceFederationOptions<District extends string> {
  /** The service's name (its test databases are named after it). */
  service: string;
  /** The service's module for a node: the config names the node, its nats-server and its EVT and DIR streams. */
  module: (config: PlatformConfig) => DynamicModule;
  /** The city's districts, by the names the test gives them. */
  districts: readonly District[];
  /** Also the city's province above it (its own nats-server, the city's leafnode linked to it). */
  withProvince?: boolean;
}

export interface FederationNodes<District extends string> {
  /** Started only withProvince. */
  province?: FederatedNode;
  city: FederatedNode;
  districts: Record<District, FederatedNode>;
}

const OFFICER_OF_LEVEL: Record<NodeRef['level'], Role> = { province: 'province_officer', city: 'city_officer', district: 'district_officer' };

/**
 * A city and its districts (and, if asked, their province) as deployed, for in-process tests: each node with its own
 * nats-server (JetStream domain, leafnode link to the city), streams, database and an instance
 * of the service under test. Synthetic codes (see testNodeCode), so nothing collides with
 * another test or a running node.
 *
 * close() may come at any time — also while start() is still under way (jest runs afterAll when
 * beforeAll times out): what has started is removed, and what starts after close() is removed
 * as soon as it is up. Nothing is left behind: no nats-server, no store directory, no database.
 */
export class ServiceFederation<District extends string> {
  /** The city's code and its districts' (in the order of the options), synthetic and chosen up front. */
  readonly cityCode: string;
  readonly districtCodes: string[];
  private readonly cleanups: Array<() => Promise<void>> = [];
  private closed = false;

  constructor(private readonly options: ServiceFederationOptions<District>) {
    const first = testNodeCode();
    this.cityCode = first.slice(0, 4);
    const firstSuffix = Number.parseInt(first.slice(4), 16);
    this.districtCodes = options.districts.map((_, i) => `${this.cityCode}${((firstSuffix + i) % 256).toString(16).padStart(2, '0')}`);
  }

  /** Starts everything; a failure removes what had started before it is thrown. */
  async start(): Promise<FederationNodes<District>> {
    try {
      return await this.startAll();
    } catch (error) {
      await this.close().catch(() => undefined);
      throw error;
    }
  }

  private async startAll(): Promise<FederationNodes<District>> {
    const { cityCode, districtCodes } = this;
    const provinceCode = cityCode.slice(0, 2);
    const withProvince = this.options.withProvince === true;
    const nats = await this.keep(
      await startNatsFederation([
        ...(withProvince ? [{ code: provinceCode }] : []),
        { code: cityCode, ...(withProvince ? { parent: provinceCode } : {}) },
        ...districtCodes.map((code) => ({ code, parent: cityCode })),
      ]),
      (federation) => federation.close(),
    );
    const province = withProvince ? await this.startNode(nodeOf(provinceCode), nats.nats.get(provinceCode)!) : undefined;
    const city = await this.startNode(nodeOf(cityCode), nats.nats.get(cityCode)!);
    const districts = {} as Record<District, FederatedNode>;
    for (const [i, name] of this.options.districts.entries()) {
      districts[name] = await this.startNode(nodeOf(districtCodes[i]!), nats.nats.get(districtCodes[i]!)!);
    }
    return { ...(province ? { province } : {}), city, districts };
  }

  /** Stops the services (their databases dropped), then the nats-servers (their directories removed). */
  async close(): Promise<void> {
    this.closed = true;
    const errors: unknown[] = [];
    while (this.cleanups.length > 0) await this.cleanups.pop()!().catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw new AggregateError(errors, 'the test federation did not close cleanly');
  }

  /** Registers how to remove what was just started; after close(), removes it at once. */
  private async keep<T>(started: T, remove: (started: T) => Promise<void>): Promise<T> {
    if (this.closed) {
      await remove(started);
      throw new Error('the test federation was closed while it started');
    }
    this.cleanups.push(() => remove(started));
    return started;
  }

  private async startNode(ref: NodeRef, nats: NatsProcess): Promise<FederatedNode> {
    const service = await this.keep(
      await startService(this.options.service, (config) => this.options.module(config), { nats: { url: nats.url, node: ref } }),
      (app) => app.close(),
    );
    const token = (as: Caller = {}) => {
      const { role = OFFICER_OF_LEVEL[ref.level], node = ref.code } = typeof as === 'string' ? { role: as } : as;
      return officerToken(node, { role, subject: `officer-${ref.code}` });
    };
    const request: FederatedNode['request'] = async (method, url, body, as) => {
      const response = await service.app.inject({ method, url, ...(body !== undefined ? { payload: body as object } : {}), headers: { authorization: `Bearer ${await token(as)}` } });
      return { status: response.statusCode, body: response.json() };
    };
    return { ref, nats, service, token, request, call: async (...args) => (await request(...args)).body };
  }
}

/** A hand-built event published on a node's EVT stream as its services would (a rogue node's forgery in a test). */
export { publishForeignEvent } from './node-stream';
