import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { CLOCK, Clock, ProblemFilter, systemClock } from '@ws/kernel';
import { AssetsController } from './assets/assets.controller';
import { DashboardConfig, dashboardConfig } from './dashboard-config';
import { DASHBOARD_ERRORS } from './errors';
import { HealthController } from './health/health.controller';
import { LiveFeedService } from './live/live-feed.service';
import { LiveController } from './live/live.controller';
import { NodesController } from './nodes/nodes.controller';
import { SpaController } from './spa/spa.controller';
import { DASHBOARD_CONFIG } from './tokens';
import { NotifyPagesController } from './upstream/notify-pages.controller';
import { OidcProxyController } from './upstream/oidc-proxy.controller';
import { UpstreamProxyController } from './upstream/upstream-proxy.controller';

export interface DashboardOptions {
  /** Defaults to the environment (dashboardConfig()); tests pass their own. */
  config?: DashboardConfig;
  clock?: Clock;
}

/**
 * The node web front: the dashboard (看板, the zh-CN page and its files, live counters from the
 * node's EVT stream over SSE), the built single-page apps (/h5/, /console/) and the proxy of every
 * method to the node's services. No database: it owns nothing.
 */
@Module({})
export class DashboardModule {
  static forRoot(options: DashboardOptions = {}): DynamicModule {
    const config = options.config ?? dashboardConfig();
    return {
      module: DashboardModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            base: { service: 'dashboard', node: config.node.code },
            // 502/504 mean a node service is down or not deployed: the page shows 暂无数据, the log stays quiet.
            customLogLevel: (_req, res, error) =>
              error || res.statusCode === 500 ? 'error' : res.statusCode === 502 || res.statusCode === 504 ? 'debug' : res.statusCode >= 400 ? 'warn' : 'silent',
          },
        }),
      ],
      controllers: [AssetsController, SpaController, LiveController, NodesController, UpstreamProxyController, OidcProxyController, NotifyPagesController, HealthController],
      providers: [
        { provide: DASHBOARD_CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: APP_FILTER, useValue: new ProblemFilter(DASHBOARD_ERRORS) },
        LiveFeedService,
      ],
    };
  }
}
