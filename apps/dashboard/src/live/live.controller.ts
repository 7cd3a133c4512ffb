import { Controller, Get, Inject, MessageEvent, Sse } from '@nestjs/common';
import type { DashboardConfig } from '../dashboard-config';
import { DASHBOARD_CONFIG } from '../tokens';
import { Observable } from 'rxjs';
import { eventLabels } from './event-labels';
import { LiveFeedService, type LiveMessage } from './live-feed.service';
import { dashboardError } from '../errors';

/** Live counters for the page: a server-sent event stream of whole snapshots, and one snapshot. */
@Controller('live')
export class LiveController {
  constructor(
    private readonly feed: LiveFeedService,
    @Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig,
  ) {}

  /** At most LIVE_MAX_CLIENTS streams at once: one more is 503 live_clients_exhausted (the page polls /live/snapshot instead). */
  @Sse()
  stream(): Observable<MessageEvent> {
    if (this.feed.listenerCount >= this.config.liveMaxClients) {
      throw dashboardError('live_clients_exhausted', `实时数据连接已满（${this.config.liveMaxClients} 个），请稍后刷新`);
    }
    return new Observable<MessageEvent>((subscriber) => {
      const send = (message: LiveMessage) => subscriber.next({ type: 'snapshot', id: String(message.lastSeq), data: message });
      send(this.feed.snapshot());
      return this.feed.subscribe({ next: send, end: () => subscriber.complete() });
    });
  }

  @Get('labels')
  labels(): Readonly<Record<string, string>> {
    return eventLabels();
  }

  @Get('snapshot')
  snapshot(): LiveMessage {
    return this.feed.snapshot();
  }
}
