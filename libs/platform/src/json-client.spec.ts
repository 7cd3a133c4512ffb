import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestJson } from './json-client';

/** A server that answers /ok, sends only the headers of /headers-only, and nothing at all for /silent. */
function startServer(): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    if (request.url === '/ok') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    if (request.url === '/headers-only') return void response.writeHead(200, { 'content-type': 'application/json' }).write('{"ok":');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('requestJson: the deadline of a call', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => ({ server, base } = await startServer()));
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers within its deadline as without one', async () => {
    expect(await requestJson(base, 'GET', '/ok', { timeoutMs: 5_000 })).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('ends a call the server never answers at its deadline', async () => {
    await expect(requestJson(base, 'GET', '/silent', { timeoutMs: 200 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('ends a call whose body never finishes at its deadline', async () => {
    await expect(requestJson(base, 'GET', '/headers-only', { timeoutMs: 200 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
