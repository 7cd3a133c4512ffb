import { Controller, Get } from '@nestjs/common';
import { LiveFeedService } from '../live/live-feed.service';

/**
 * Up as soon as it serves the page; `live` says whether the EVT stream is being read. The
 * dashboard stays up without NATS (the page then shows the live feed as interrupted).
 */
@Controller('health')
export class HealthController {
  constructor(private readonly feed: LiveFeedService) {}

  @Get()
  health() {
    const live = this.feed.status();
    return { status: live.streamConnected ? 'ok' : 'degraded', live };
  }
}
