import { accessToken } from './session';

/**
 * The node's services through the web front (/api/<service>/…) with the officer's bearer token.
 * A refusal is problem+json with a stable code, a Chinese `detail` and, for a bad input, the
 * `field`: forms put it at that field, everything else is a message.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Every field at fault with its message (a validation refusal names them all at once). */
    readonly fieldErrors: Record<string, string> = field ? { [field]: message } : {},
  ) {
    super(message);
  }
}

/**
 * Chinese for the validation constraints the services name (class-validator's, as `code`), for
 * the services whose messages are still English; a Chinese message from the service wins.
 */
const CONSTRAINTS: Record<string, string> = {
  isIn: '请从选项中选择',
  isNotEmpty: '此项必填',
  isString: '请填写文字',
  maxLength: '内容过长',
  minLength: '内容过短',
  arrayMinSize: '请至少选择一项',
  arrayMaxSize: '选择的项目过多',
  isUuid: '编号格式不正确',
  isInt: '请填写整数',
  min: '数值过小',
  max: '数值过大',
  matches: '格式不正确',
  whitelistValidation: '不接受此项',
  isDefined: '此项必填',
  isBoolean: '请选择是或否',
  isArray: '请选择',
  arrayUnique: '有重复的选项',
  isIso8601: '日期时间格式不正确',
  isDateString: '日期时间格式不正确',
  isNumber: '请填写数字',
  isLatitude: '纬度不正确',
  isLongitude: '经度不正确',
  isEnum: '请从选项中选择',
  notApplicable: '此类型不需要填写此项',
  nestedValidation: '请检查此项的内容',
  presentOnlyWhen: '此时不应填写此项',
};

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

/** The services' English messages that say more than their constraint code, in Chinese. */
const ENGLISH_MESSAGES: Array<[RegExp, (match: RegExpExecArray) => string]> = [
  [/must not be blank/, () => '此项必填'],
  [/mainland mobile number/, () => '请填写 11 位手机号'],
  [/9-character street code/, () => '街道代码须为 9 位'],
  [/must be (\d+) digits/, (m) => `须为 ${m[1]} 位数字`],
  [/must be HH:MM/, () => '时间须为 HH:MM，如 08:00'],
  [/must be YYYY-MM-DD/, () => '日期须为 YYYY-MM-DD'],
  [/ISO 8601/, () => '请选择日期和时间'],
  [/landline, a mobile or a 5-digit hotline/, () => '请填写固定电话（含区号）、手机号或 5 位热线'],
  [/applies only to/, () => '此类型不需要填写此项'],
  [/should not be empty|must be defined/, () => '此项必填'],
];

function fieldMessage(error: { code?: string; message?: string }): string {
  if (error.message && hasChinese(error.message)) return error.message;
  for (const [pattern, say] of ENGLISH_MESSAGES) {
    const match = error.message ? pattern.exec(error.message) : null;
    if (match) return say(match);
  }
  return (error.code && CONSTRAINTS[error.code]) ?? error.message ?? '填写有误';
}

/** A service of the node behind the front, or `nodes`: the front's own answer of where the node sits (its children, its services). */
export type Service = 'stations' | 'wishes' | 'membership' | 'dispatch' | 'identity' | 'notify' | 'jobs' | 'nodes';

/** A write refused because the record changed since it was read (If-Match): shown as a conflict, never retried blindly. */
export const isConflict = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 409 && error.code === 'version_conflict';

export interface ApiOptions {
  method?: string;
  json?: unknown;
  query?: Record<string, string | number | boolean | undefined | readonly string[]>;
  ifMatch?: string;
}

/** A keyset page as the services answer it: `next` is the cursor of the following page. */
export interface Page<T> {
  items: T[];
  next?: string | null;
}

export function withQuery(path: string, query: ApiOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, String(one));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

export async function api<T>(service: Service, path: string, options: ApiOptions = {}): Promise<T> {
  const token = await accessToken();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  let response: Response;
  try {
    response = await fetch(withQuery(`/api/${service}${path}`, options.query), {
      method: options.method ?? (options.json !== undefined ? 'POST' : 'GET'),
      headers,
      ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
    });
  } catch {
    throw new ApiError(0, 'offline', '连不上本节点，请检查网络后重试');
  }
  const text = await response.text();
  if (!response.ok) throw problemError(response.status, text);
  return (text ? parse(text) : undefined) as T;
}

/** A refusal's problem+json (or no body at all) as the ApiError forms show: Chinese, at its field. */
export function problemError(status: number, text: string): ApiError {
  const problem = ((text ? parse(text) : undefined) ?? {}) as { code?: string; detail?: string; title?: string; field?: string; errors?: Array<{ field?: string; code?: string; message?: string }> };
  const fieldErrors = Object.fromEntries((problem.errors ?? []).filter((e) => e.field).map((e) => [e.field!, fieldMessage(e)]));
  const first = problem.errors?.[0];
  const fallback = status === 401 ? '登录已过期，请重新登录' : status === 403 ? '您的角色无权进行此操作' : status === 413 ? '文件过大' : `请求失败（${status}）`;
  const detail = first ? (problem.errors!.length === 1 ? fieldMessage(first) : '请检查标出的各项') : (problem.detail ?? problem.title ?? fallback);
  const field = problem.field ?? first?.field;
  return new ApiError(status, problem.code ?? 'error', detail, field, first ? fieldErrors : field ? { [field]: detail } : {});
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A file the services answer to an officer only (a poster, a code): fetched with the token, handed to the browser as a blob URL. */
export async function apiBlob(service: Service, path: string): Promise<Blob> {
  const token = await accessToken();
  const response = await fetch(`/api/${service}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(() => {
    throw new ApiError(0, 'offline', '连不上本节点，请检查网络后重试');
  });
  if (!response.ok) {
    const problem = parse(await response.text()) as { code?: string; detail?: string } | undefined;
    throw new ApiError(response.status, problem?.code ?? 'error', problem?.detail ?? `下载失败（${response.status}）`);
  }
  return response.blob();
}

/** An officer-only file saved by the browser under `name` (the blob's address is let go a minute later). */
export async function downloadFile(service: Service, path: string, name: string): Promise<void> {
  const url = URL.createObjectURL(await apiBlob(service, path));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
