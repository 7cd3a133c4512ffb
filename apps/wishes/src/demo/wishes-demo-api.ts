import type { OfficerTokenMinter, Principal, Role } from '@ws/kernel';
import { requestJson } from '@ws/platform';
import type { JsonResponse } from '@ws/platform';
import type { PlannedWish } from './demo-plan';

export interface PostedWish {
  wishId: string;
  wishNo: string;
  authorKey: string;
}

type Actor = { role: Role; station?: string; street?: string };

/** Calls to one wishes service as the public or as a signed officer. */
export class WishesDemoApi {
  constructor(
    private readonly base: string,
    private readonly districtCode: string,
    private readonly officerTokens: OfficerTokenMinter,
  ) {}

  call(method: string, path: string, request: { body?: unknown; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
    return requestJson(this.base, method, path, request);
  }

  async as(actor: Actor, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<JsonResponse> {
    const key = `${actor.role}:${actor.station ?? actor.street ?? ''}`;
    const principal: Principal = { subject: `demo-${key}`, role: actor.role, node: this.districtCode, ...(actor.station ? { station: actor.station } : {}), ...(actor.street ? { street: actor.street } : {}) };
    return requestJson(this.base, method, path, { token: await this.officerTokens(principal), body, headers });
  }

  /** A command that is done once: true when it happened now, false when an earlier run did it (409). */
  async settled(actor: Actor, path: string, body: unknown = {}): Promise<boolean> {
    const answer = await this.as(actor, 'POST', path, body);
    if (answer.status === 200) return true;
    if (answer.status === 409) return false;
    throw new Error(`demo ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  /** Posts the planned wish with its own Idempotency-Key: a second run gets the same wish (and author key) back. */
  async post(wish: PlannedWish): Promise<PostedWish> {
    const body = { stationId: wish.station.stationId, kind: wish.kind, category: wish.category, text: wish.text, urgency: wish.urgency, photoRefs: wish.index % 4 === 0 ? [`demo-wish-${wish.index}`] : [] };
    for (let attempt = 0; ; attempt++) {
      const posted = await this.call('POST', '/wishes', { body, headers: { 'idempotency-key': `demo-wish-${this.districtCode}-${wish.index}` } });
      if (posted.status === 201 || posted.status === 200) return posted.body as PostedWish;
      // The station was registered a moment ago and its announcement has not reached wishes yet.
      if (posted.body?.code !== 'station_not_found' || attempt >= 100) throw new Error(`demo wish: ${posted.status} ${JSON.stringify(posted.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  /** Until the board's count of completed wishes has not moved for four polls in a row (at most 30 s). */
  async waitForSteadyCompletions(): Promise<void> {
    let last = -1;
    let steady = 0;
    for (const until = Date.now() + 30_000; steady < 4 && Date.now() < until; ) {
      const stats = await this.call('GET', '/stats');
      const completed = (stats.body?.figures as Array<{ key: string; value: number }> | undefined)?.find((f) => f.key === 'completed')?.value ?? 0;
      steady = completed === last ? steady + 1 : 0;
      last = completed;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** The board applies events in order: once the last moderated wish shows it, all earlier ones do. */
  async waitUntilModerated(wishNo: string): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const page = await this.call('GET', `/wishes/no/${wishNo}`);
      if (page.status === 200 && page.body.status !== 'submitted') return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

