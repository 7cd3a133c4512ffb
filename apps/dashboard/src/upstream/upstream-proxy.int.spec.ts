import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeRef } from '@ws/contracts';
import { NATS_URL, testNodeCode } from '@ws/testing';
import { RunningDashboard, startDashboard, testDashboardConfig } from '../../testing/dashboard-app';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodySha: string;
  bodyBytes: number;
}

/** A service that reports what reached it and answers with the headers a real one sets. */
async function startEchoService(): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of request) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    const record = { method: request.method!, url: request.url!, headers: request.headers, bodySha: hash.digest('hex'), bodyBytes: bytes };
    seen.push(record);
    if (request.url === '/created') {
      response.writeHead(201, { 'content-type': 'application/json', etag: '"3"', location: '/things/7', 'set-cookie': 'a=b', 'x-internal': 'secret' });
      response.end(JSON.stringify({ id: 7 }));
      return;
    }
    if (request.url === '/poster') {
      response.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="poster.pdf"', 'cache-control': 'private, max-age=60' });
      response.end(Buffer.from('%PDF-1.4 fake'));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ method: record.method, bytes, sha: record.bodySha }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('the node web front proxies /api/<service>/ for every method', () => {
  let service: Awaited<ReturnType<typeof startEchoService>>;
  let front: RunningDashboard;

  beforeAll(async () => {
    service = await startEchoService();
    front = await startDashboard(
      testDashboardConfig({ node: nodeRef(testNodeCode()), natsUrl: NATS_URL, evtStream: 'NO_SUCH_STREAM', upstreams: { wishes: service.url, identity: 'http://127.0.0.1:9' } }),
    );
  });

  afterAll(async () => {
    await front?.close();
    service?.server.closeAllConnections();
    await new Promise((resolve) => service?.server.close(resolve));
  });

  it('streams a multipart upload through unchanged, with the listed request headers and x-forwarded-* set by the front', async () => {
    const photo = randomBytes(3 * 1024 * 1024);
    const form = new FormData();
    form.append('photo', new Blob([photo], { type: 'image/jpeg' }), 'a.jpg');
    const request = new Request(`${front.url}/api/wishes/photos?x=1`, { method: 'POST', body: form, headers: { authorization: 'Bearer t', 'idempotency-key': 'k-123456', cookie: 'session=1', 'x-forwarded-for': '6.6.6.6' } });
    const sent = Buffer.from(await request.clone().arrayBuffer());
    const response = await fetch(request);
    expect(response.status).toBe(200);
    const seen = service.seen.at(-1)!;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/photos?x=1');
    expect(seen.bodyBytes).toBe(sent.length);
    expect(seen.bodySha).toBe(createHash('sha256').update(sent).digest('hex'));
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.headers['authorization']).toBe('Bearer t');
    expect(seen.headers['idempotency-key']).toBe('k-123456');
    expect(seen.headers['cookie']).toBeUndefined();
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers['x-forwarded-host']).toBe(new URL(front.url).host);
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('passes %s with its If-Match', async (method) => {
    const response = await fetch(`${front.url}/api/wishes/things/7`, {
      method,
      headers: { 'if-match': '"2"', 'content-type': 'application/json' },
      ...(method === 'DELETE' ? {} : { body: JSON.stringify({ a: 1 }) }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { method: string }).method).toBe(method);
    expect(service.seen.at(-1)!.headers['if-match']).toBe('"2"');
  });

  it('passes back etag, location (through the front), content-disposition and cache-control, nothing else', async () => {
    const created = await fetch(`${front.url}/api/wishes/created`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"3"');
    expect(created.headers.get('location')).toBe('/api/wishes/things/7');
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.headers.get('set-cookie')).toBeNull();
    expect(created.headers.get('x-internal')).toBeNull();

    const poster = await fetch(`${front.url}/api/wishes/poster`);
    expect(poster.headers.get('content-disposition')).toBe('attachment; filename="poster.pdf"');
    expect(poster.headers.get('cache-control')).toBe('private, max-age=60');
    expect(Buffer.from(await poster.arrayBuffer()).toString()).toBe('%PDF-1.4 fake');
  });

  it('answers 404 for a service the node does not run and 502 for one that is down', async () => {
    const unknown = await fetch(`${front.url}/api/notify/codes`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('upstream_not_configured');
    const down = await fetch(`${front.url}/api/identity/oidc/token`, { method: 'POST', body: 'grant_type=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(down.status).toBe(502);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
  });
});
