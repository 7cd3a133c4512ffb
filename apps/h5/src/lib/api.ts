/**
 * The node's services through the web front (/api/<service>/…): the page talks to its own
 * origin only. Errors are problem+json with a stable code, the field and a Chinese message.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** No answer at all: no signal, or the node unreachable. */
  get offline(): boolean {
    return this.status === 0;
  }
}

export type Service = 'stations' | 'wishes' | 'membership' | 'dispatch' | 'notify' | 'jobs';

export async function api<T>(service: Service, path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(`/api/${service}${path}`, {
      ...rest,
      headers: { accept: 'application/json', ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  } catch {
    throw new ApiError(0, 'offline', '网络不通，请稍后再试');
  }
  const text = await response.text();
  const body = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const problem = (body ?? {}) as { code?: string; detail?: string; title?: string; field?: string; errors?: Array<{ field?: string; message?: string }> };
    const first = problem.errors?.[0];
    throw new ApiError(response.status, problem.code ?? 'error', problem.detail ?? first?.message ?? problem.title ?? `请求失败（${response.status}）`, problem.field ?? first?.field);
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface Label {
  code: string;
  label: string;
}
