import { Controller, Get, MessageEvent, Sse } from '@nestjs/common';
import { Observable } from 'rxjs';
import { eventLabels } from './event-labels';
import { LiveFeedService, type LiveMessage } from './live-feed.service';

/** Live counters for the page: a server-sent event stream of whole snapshots, and one snapshot. */
@Controller('live')
export class LiveController {
  constructor(private readonly feed: LiveFeedService) {}

  @Sse()
  stream(): Observable<MessageEvent> {
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
