import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kysely, sql } from 'kysely';
import { Public } from '@ws/kernel';
import { ProjectionsService } from './projections.service';
import { DB, NATS } from './tokens';

/** Projections further behind than this are reported down: the read side is stale. */
const MAX_HEALTHY_LAG_EVENTS = 50_000;

@ApiTags('运维 ops')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly projections: ProjectionsService,
    @Inject(DB) private readonly db: Kysely<any>,
    @Inject(NATS) private readonly nats: NatsConnection,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([() => this.postgres(), () => this.natsStatus(), () => this.projectionLag()]);
  }

  private async postgres(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('postgres');
    try {
      await sql`select 1`.execute(this.db);
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  private async natsStatus(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('nats');
    if (this.nats.isClosed()) return check.down({ message: 'connection closed' });
    try {
      await this.nats.flush();
      return check.up({ server: this.nats.info?.server_name });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  private async projectionLag(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('projections');
    try {
      const lags = await this.projections.lags();
      const details = Object.fromEntries(lags.map((l) => [l.name, { position: l.position, lagEvents: l.events, lagSeconds: l.seconds }]));
      return lags.every((l) => l.events <= MAX_HEALTHY_LAG_EVENTS) ? check.up(details) : check.down(details);
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
