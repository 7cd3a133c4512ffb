import { jetstreamManager, JetStreamManager } from '@ws/testing/nats';
import { connect, NatsConnection } from '@ws/testing/nats';
import { nodeRef, subtreeEventFilter } from '@ws/contracts';
import { eventually, NATS_URL, testNodeCode, uniqueSuffix } from '@ws/testing';
import { RunningDashboard, startDashboard, testDashboardConfig } from '../../testing/dashboard-app';
import { publishVisits } from '../../testing/events';

/** Reads an SSE body until `predicate` holds for the text received so far. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, received: { text: string }, predicate: (text: string) => boolean) {
  const decoder = new TextDecoder();
  while (!predicate(received.text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before the expected event; got: ${received.text.slice(-300)}`);
    received.text += decoder.decode(value, { stream: true });
  }
}

describe('live feed over SSE (real JetStream)', () => {
  const node = nodeRef(testNodeCode());
  const stream = `DASH_${uniqueSuffix()}`;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let dashboard: RunningDashboard | undefined;

  beforeAll(async () => {
    nc = await connect({ servers: NATS_URL });
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [subtreeEventFilter(node)] });
    await publishVisits(nc, node, ['rider']);
    dashboard = await startDashboard(testDashboardConfig({ node, natsUrl: NATS_URL, evtStream: stream }));
  });

  afterAll(async () => {
    await dashboard?.close();
    await jsm?.streams.delete(stream).catch(() => undefined);
    await nc?.close();
  });

  it('serves at most LIVE_MAX_CLIENTS streams at once: one more is 503 problem+json, and a freed place is taken again', async () => {
    const capped = await startDashboard(testDashboardConfig({ node, natsUrl: NATS_URL, evtStream: stream, liveMaxClients: 2 }));
    const controllers = [new AbortController(), new AbortController()];
    try {
      const open = await Promise.all(controllers.map((c) => fetch(`${capped.url}/live`, { signal: c.signal })));
      expect(open.map((r) => r.status)).toEqual([200, 200]);
      const third = await fetch(`${capped.url}/live`);
      expect(third.status).toBe(503);
      expect(third.headers.get('content-type')).toContain('application/problem+json');
      expect(((await third.json()) as { code: string }).code).toBe('live_clients_exhausted');
      controllers[0]!.abort();
      // The server notices the closed stream a moment later: until then a fourth client is still one too many.
      const again = await eventually(async () => {
        const response = await fetch(`${capped.url}/live`);
        if (response.status === 200) return response;
        await response.body?.cancel();
        return undefined;
      }, { what: 'a client admitted once one has gone', timeoutMs: 5_000 });
      await again.body?.cancel();
    } finally {
      for (const c of controllers) c.abort();
      await capped.close();
    }
  });

  it('pushes snapshots as events arrive, and ends open streams when the app shuts down', async () => {
    const response = await fetch(`${dashboard!.url}/live`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const received = { text: '' };
    await readUntil(reader, received, (text) => text.includes('"todayVisits":1,'));

    await publishVisits(nc, node, ['courier', 'courier']);
    await readUntil(reader, received, (text) => text.includes('"todayVisits":3,'));
    const health = await (await fetch(`${dashboard!.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', live: { streamConnected: true, lastSeq: 2 } });

    // An open SSE request must not hold up shutdown (Ctrl-C of npm start).
    await dashboard!.close();
    dashboard = undefined;
    await expect(readUntil(reader, received, () => false)).rejects.toThrow('stream ended');
  });
});
