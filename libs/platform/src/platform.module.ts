import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule, Reflector } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { Kysely, Migration } from 'kysely';
import { LoggerModule } from 'nestjs-pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createDb, ensureDatabase, eventStoreMigrations, EventStore, migrateToLatest } from '@ws/eventstore';
import { AuthGuard, CLOCK, createValidationPipe, defineErrorTable, ProblemFilter, systemClock } from '@ws/kernel';
import type { Clock, ErrorTable } from '@ws/kernel';
import { connectNats, jetstream, jetstreamManager, serviceInboxPrefix, type BusConnection } from '@ws/messaging';
import { projectionMigrations } from '@ws/projections';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';
import { DeadlineInterceptor } from './deadline.interceptor';
import { FAULTS_ERRORS, FaultsService } from './faults/faults.service';
import { OpsController } from './faults/ops.controller';
import { HealthController } from './health.controller';
import { IdentityTrust } from './identity/identity-trust.service';
import { RouteAccessCheck } from './identity/route-access.check';
import { TrustStore } from './identity/trust-store';
import { MetricsController } from './metrics.controller';
import { OutboxRelayService } from './outbox-relay.service';
import { platformConfig } from './platform-config';
import type { PlatformConfig } from './platform-config';
import { ProjectionsAdminController } from './projections-admin.controller';
import { ProjectionsService } from './projections.service';
import { SeenEventsPruner } from './seen-events-pruner';
import { ensureStreamsExist } from './streams';
import { DB, JETSTREAM, JETSTREAM_MANAGER, METRICS_REGISTRY, NATS, PLATFORM_CONFIG } from './tokens';

export interface PlatformOptions {
  service: string;
  /** The service's own timestamped migrations (event store and checkpoint tables are added). */
  migrations: Record<string, Migration>;
  /** The service's error table (defineErrorTable): the statuses its problem+json answers carry; the platform's own codes are added. */
  errors: ErrorTable;
  /** Defaults to the environment (platformConfig(service)); tests pass their own. */
  config?: PlatformConfig;
  clock?: Clock;
}

/** Fields that identify a person (a member card too: it names a member as a name does); never logged, whatever a handler does. */
const REDACTED_PATHS = ['req.headers.authorization', '*.name', '*.mobile', '*.phone', '*.idNumber', '*.id_number', '*.memberCard', '*.memberCards', '*.cardNumber'];

/**
 * Everything a Waystation service shares: its database (created and migrated at start-up),
 * the NATS connection, the event store and outbox relay, read models and reactions, health, metrics,
 * problem+json errors, validation, auth and rate limiting.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Inject(DB) private readonly db: Kysely<any>,
    @Inject(NATS) private readonly nats: BusConnection,
  ) {}

  static forService(options: PlatformOptions): DynamicModule {
    const config = options.config ?? platformConfig(options.service);
    const registry = new Registry();
    registry.setDefaultLabels({ service: config.service, node: config.node.code });
    collectDefaultMetrics({ register: registry });

    const providers: Provider[] = [
      { provide: PLATFORM_CONFIG, useValue: config },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      { provide: METRICS_REGISTRY, useValue: registry },
      {
        provide: DB,
        useFactory: async () => {
          const url = await ensureDatabase(config.pgServerUrl, config.database);
          const db = createDb(url, { max: config.pgPoolMax, ...config.pgTimeouts });
          await migrateToLatest(db, { ...eventStoreMigrations, ...projectionMigrations, ...options.migrations });
          return db;
        },
      },
      {
        provide: NATS,
        useFactory: async () => {
          const nc = await connectNats(config.natsUrl, `${config.service}@${config.node.code}`, {
            inboxPrefix: serviceInboxPrefix(config.node.code, config.service),
            caFile: config.natsCaFile,
          });
          await ensureStreamsExist(await jetstreamManager(nc), config);
          return nc;
        },
      },
      { provide: JETSTREAM, useFactory: (nc: BusConnection) => jetstream(nc), inject: [NATS] },
      { provide: JETSTREAM_MANAGER, useFactory: (nc: BusConnection) => jetstreamManager(nc), inject: [NATS] },
      {
        provide: EventStore,
        useFactory: (db: Kysely<any>, clock: Clock) => new EventStore(db, config.node, clock),
        inject: [DB, CLOCK],
      },
      OutboxRelayService,
      ProjectionsService,
      SeenEventsPruner,
      FaultsService,
      { provide: APP_FILTER, useValue: new ProblemFilter(defineErrorTable({}, FAULTS_ERRORS, options.errors)) },
      { provide: APP_INTERCEPTOR, useFactory: () => new DeadlineInterceptor(config.httpDeadlineMs) },
      { provide: APP_PIPE, useFactory: createValidationPipe },
      { provide: APP_GUARD, useClass: ThrottlerGuard },
      { provide: TrustStore, useValue: new TrustStore() },
      IdentityTrust,
      RouteAccessCheck,
      {
        provide: APP_GUARD,
        // Tokens expire in real time, whatever clock the domain runs on.
        useFactory: (reflector: Reflector, trust: IdentityTrust) => new AuthGuard(reflector, { trust, nodeCode: config.node.code }),
        inject: [Reflector, IdentityTrust],
      },
    ];

    return {
      module: PlatformModule,
      imports: [
        DiscoveryModule,
        TerminusModule,
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: config.throttlePerMinute }],
          storage: new FixedWindowThrottlerStorage(),
          // The default key is a sha256 of the same text, computed on every request; the key
          // never leaves the process, so the text itself does.
          generateKey: (context, tracker, name) => `${context.getClass().name}-${context.getHandler().name}-${name}-${tracker}`,
        }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: { paths: REDACTED_PATHS, censor: '[已隐藏]' },
            base: { service: config.service, node: config.node.code },
            // Successful requests are counted in /metrics, not logged one by one.
            customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'silent'),
          },
        }),
      ],
      controllers: [HealthController, MetricsController, ProjectionsAdminController, OpsController],
      providers,
      exports: [PLATFORM_CONFIG, CLOCK, METRICS_REGISTRY, DB, NATS, JETSTREAM, JETSTREAM_MANAGER, EventStore, OutboxRelayService, ProjectionsService, FaultsService, TrustStore, IdentityTrust],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nats.drain().catch(() => undefined);
    await this.db.destroy();
  }
}
