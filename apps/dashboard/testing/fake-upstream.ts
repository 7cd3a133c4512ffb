import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A route answers a parsed URL with a JSON body, or undefined for 404. */
export type FakeRoute = (url: URL) => unknown;

export interface FakeUpstream {
  url: string;
  /** Paths (with query) asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A stand-in for a node service's read API, answering canned JSON on 127.0.0.1. Routes are
 * matched by exact path first, then by the longest prefix ending in "/".
 */
export async function startFakeUpstream(routes: Record<string, FakeRoute>): Promise<FakeUpstream> {
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    const prefix = Object.keys(routes)
      .filter((path) => path.endsWith('/') && url.pathname.startsWith(path))
      .sort((a, b) => b.length - a.length)[0];
    const route = routes[url.pathname] ?? (prefix ? routes[prefix] : undefined);
    const body = request.method === 'GET' && route ? route(url) : undefined;
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'application/problem+json' });
      response.end(JSON.stringify({ status: 404, code: 'route_not_found', title: 'not found' }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
