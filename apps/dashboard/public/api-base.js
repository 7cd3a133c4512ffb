// The tolerant JSON reading every reader of the page shares: a missing endpoint, an error
// status or a body of another shape is null (the section shows 暂无数据), never an exception.

export async function getJson(path, params) {
  const query = params ? `?${new URLSearchParams(params)}` : '';
  try {
    const response = await fetch(`${path}${query}`, { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    return await response.json();
  } catch {
    return null;
  }
}

export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

export const num = (value) =>
  typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;

export const first = (...values) => values.find((value) => value !== undefined && value !== null);

export function listOf(body, ...keys) {
  if (Array.isArray(body)) return body;
  if (!isObject(body)) return undefined;
  for (const key of keys) if (Array.isArray(body[key])) return body[key];
  return undefined;
}
