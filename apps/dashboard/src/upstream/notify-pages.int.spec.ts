import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jetstreamManager, JetStreamManager } from '@ws/testing/nats';
import { connect, NatsConnection } from '@ws/testing/nats';
import { nodeRef, subtreeEventFilter } from '@ws/contracts';
import { NATS_URL, testNodeCode, uniqueSuffix } from '@ws/testing';
import { RunningDashboard, startDashboard, testDashboardConfig } from '../../testing/dashboard-app';

describe("the front's notify pages: /messages/ and short links /s/<code> (real JetStream for the live feed)", () => {
  const node = nodeRef(testNodeCode());
  const stream = `DASH_${uniqueSuffix()}`;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let notify: Server;
  let dashboard: RunningDashboard | undefined;
  const asked: string[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: NATS_URL });
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [subtreeEventFilter(node)] });
    notify = createServer((req, res) => {
      asked.push(req.url ?? '');
      if (req.url === '/s/abcd234567') return void res.writeHead(302, { location: 'http://front.example/h5/#/wishes/W123' }).end();
      if (req.url?.startsWith('/messages')) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>消息盒子（开发用）</h1>');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => notify.listen(0, '127.0.0.1', resolve));
    const notifyUrl = `http://127.0.0.1:${(notify.address() as AddressInfo).port}`;
    dashboard = await startDashboard(testDashboardConfig({ node, natsUrl: NATS_URL, evtStream: stream, upstreams: { notify: notifyUrl } }));
  });

  afterAll(async () => {
    await dashboard?.close();
    await new Promise((resolve) => notify?.close(resolve));
    await jsm?.streams.delete(stream).catch(() => undefined);
    await nc?.close();
  });

  it('serves the message box and its filter, and passes a short link on as the redirect notify answers', async () => {
    const box = await fetch(`${dashboard!.url}/messages/?to=5678`);
    expect(box.status).toBe(200);
    expect(await box.text()).toContain('消息盒子');
    expect(asked).toContain('/messages?to=5678');
    const bare = await fetch(`${dashboard!.url}/messages`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/messages/']);
    const link = await fetch(`${dashboard!.url}/s/abcd234567`, { redirect: 'manual' });
    expect([link.status, link.headers.get('location')]).toEqual([302, 'http://front.example/h5/#/wishes/W123']);
    expect((await fetch(`${dashboard!.url}/messages/../admin`)).status).toBe(404);
    expect((await fetch(`${dashboard!.url}/s/NOT_A_CODE!`)).status).toBe(404);
  });
});
