export interface JsonResponse {
  status: number;
  /** The parsed JSON body (problem+json for errors), undefined when empty. */
  body: any;
  headers: Headers;
}

export interface JsonRequest {
  token?: string;
  body?: unknown;
  /** A body sent as it is (malformed or oversized JSON). */
  raw?: string;
  headers?: Record<string, string>;
  /** The call's deadline: no whole answer (status and body) within it rejects with a TimeoutError (a server under a fault may never answer). */
  timeoutMs?: number;
}

/** One JSON call to a Waystation service (tests, benchmarks, demo loaders): the status and the parsed body, problem+json included. */
export async function requestJson(base: string, method: string, path: string, request: JsonRequest = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...(request.token ? { authorization: `Bearer ${request.token}` } : {}), ...request.headers };
  const body = request.raw ?? (request.body !== undefined ? JSON.stringify(request.body) : undefined);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const signal = request.timeoutMs !== undefined ? AbortSignal.timeout(request.timeoutMs) : undefined;
  const response = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}), ...(signal ? { signal } : {}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** As requestJson, for a caller that goes on only after a 2xx (demo loaders, test set-ups): the body, or an error naming the call, its status and the problem. */
export async function requestOk(base: string, method: string, path: string, request: JsonRequest = {}): Promise<any> {
  const { status, body } = await requestJson(base, method, path, request);
  if (status < 200 || status >= 300) throw new Error(`${method} ${path} → ${status}: ${JSON.stringify(body)?.slice(0, 1_000)}`);
  return body;
}
