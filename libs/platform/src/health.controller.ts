import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Kysely, sql } from 'kysely';
import { Public } from '@ws/kernel';
import type { BusConnection } from '@ws/messaging';
import { FaultsService } from './faults/faults.service';
import { ProjectionsService } from './projections.service';
import { DB, NATS } from './tokens';

/** Projections further behind than this are reported down: the read side is stale. */
const MAX_HEALTHY_LAG_EVENTS = 50_000;
/**
 * Each check answers within this, whatever the database or the bus does (a server that drops
 * packets never answers): /health answers within 2 s, naming what did not.
 */
export const HEALTH_CHECK_TIMEOUT_MS = 1_500;

/**
 * /health: Postgres, NATS, every read model's and reaction's lag, and anything
 * set aside — a parked message or an outbox dead letter makes it red until an operator retries
 * or skips it (/admin/parked, /admin/dead-letters).
 */
@ApiTags('运维 ops')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly projections: ProjectionsService,
    private readonly faults: FaultsService,
    @Inject(DB) private readonly db: Kysely<any>,
    @Inject(NATS) private readonly nats: BusConnection,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.timed('postgres', async () => {
        await sql`select 1`.execute(this.db);
        return {};
      }),
      () => this.timed('nats', async () => {
        if (this.nats.isClosed()) throw new Error('connection closed');
        await this.nats.flush();
        return { server: this.nats.info?.server_name };
      }),
      () => this.timed('projections', async () => {
        const lags = await this.projections.lags();
        const details = Object.fromEntries(lags.map((l) => [l.name, { kind: l.kind, position: l.position, lagEvents: l.events, lagSeconds: l.seconds }]));
        return lags.every((l) => l.events <= MAX_HEALTHY_LAG_EVENTS) ? details : { down: details };
      }),
      () => this.timed('faults', async () => {
        const { parked, deadLetters } = await this.faults.summary();
        const details = { parked, deadLetters };
        return deadLetters === 0 && Object.keys(parked).length === 0 ? details : { down: details };
      }),
    ]);
  }

  /** Runs one check against the clock: down with its message on a failure or after HEALTH_CHECK_TIMEOUT_MS. */
  private async timed(name: string, check: () => Promise<Record<string, unknown>>): Promise<HealthIndicatorResult> {
    const indicator = this.indicator.check(name);
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        check(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`)), HEALTH_CHECK_TIMEOUT_MS);
        }),
      ]);
      if ('down' in result) return indicator.down(result['down'] as Record<string, unknown>);
      return indicator.up(result);
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }
}
