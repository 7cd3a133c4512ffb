import type { DynamicModule } from '@nestjs/common';
import { sql } from 'kysely';
import { newId } from '@ws/kernel';
import type { Role } from '@ws/kernel';
import { OutboxRelayService } from '@ws/platform';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ServiceHarness, testPlatformConfig } from '@ws/testing/service-app';
import type { MembershipDatabase } from '../db/database';
import { MembershipModule } from '../membership.module';
import type { MembershipConfig } from '../membership-config';
import { syntheticPerson } from '../demo/synthetic-people';

export interface MembershipHarnessOptions {
  /** A log level other than silent: the service logs through pino (for specs that read its log). */
  logLevel?: string;
  lookupPerMinute?: number;
  joinMobileCode?: boolean;
  membership?: Partial<MembershipConfig>;
}

/** The membership service in-process (see ServiceHarness), with request helpers. */
export class MembershipHarness extends ServiceHarness<MembershipDatabase> {
  private options: MembershipHarnessOptions = {};

  static async create(options: MembershipHarnessOptions = {}): Promise<MembershipHarness> {
    const { config, database } = await testPlatformConfig('membership');
    const harness = new MembershipHarness(config, database);
    harness.options = options;
    await harness.start();
    return harness;
  }

  protected override module(): DynamicModule {
    const { options } = this;
    return MembershipModule.forRoot({
      config: { ...this.config, logLevel: options.logLevel ?? this.config.logLevel },
      membership: { lookupPerMinute: options.lookupPerMinute ?? 1000, pointsPerVolunteerHour: 10, pointsPerCheckin: 1, joinMobileCode: options.joinMobileCode ?? false,
        applicationsPerPersonPerHour: 1000, lookupWrongLimit: 1000, lookupLockMinutes: 15, checkinPointsPerDay: 100, ...options.membership },
    });
  }

  override async start(): Promise<void> {
    await super.start();
    if (this.options.logLevel) this.app.useLogger(this.app.get(PinoLogger));
  }

  /** An injected request (no socket), optionally as the bearer of `token`. */
  request(method: 'GET' | 'POST', url: string, payload?: unknown, token?: string, headers: Record<string, string> = {}) {
    return this.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
  }

  officer(role: Role = 'district_officer', extra: { street?: string; station?: string; node?: string } = {}): Promise<string> {
    return this.token(role, extra);
  }

  /** Raw SQL against the service's own database, for assertions on what is stored. */
  raw<R>(statement: string): Promise<{ rows: R[] }> {
    return sql.raw<R>(statement).execute(this.db);
  }

  /** Publishes every committed outbox row now (projections not waited for; settle() waits for both). */
  drainOutbox(): Promise<void> {
    return this.app.get(OutboxRelayService).relay.drain();
  }

  /** Another service's event (a new aggregate) on this node's EVT stream, as that service's relay would publish it; its event id. */
  async publishForeign(context: string, aggregate: string, type: string, data: unknown): Promise<string> {
    return (await this.publishEvent(context, aggregate, newId(), type, data)).eventId;
  }

  async createUnion(token: string, body: Record<string, unknown> = {}): Promise<string> {
    const response = await this.request('POST', '/unions', { name: '柯城区外卖配送行业联合工会', kind: 'joint', occupations: ['rider'], ...body }, token);
    if (response.statusCode !== 201) throw new Error(`union not created: ${response.body}`);
    return response.json().unionId as string;
  }
}

/** The membership service in-process (see MembershipHarness). */
export function startMembership(options: MembershipHarnessOptions = {}): Promise<MembershipHarness> {
  return MembershipHarness.create(options);
}

/** An application body for synthetic person `index` (valid ID checksum, mobile, name). */
export function applicationFor(index: number, unionId: string, extra: Record<string, unknown> = {}) {
  return { ...syntheticPerson(index), occupation: 'rider', employer: '美团', unionId, streetCode: '330802001', ...extra };
}
