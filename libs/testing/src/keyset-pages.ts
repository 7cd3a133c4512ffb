/** An answer of a JSON endpoint (what requestJson and the harnesses' http give). */
interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/**
 * Walks a keyset-paged list (`{ items, next }`, libs/platform keyset-page.ts) `limit` items at a
 * time: each page at most `limit`, the first one full when more follow, every `next` leading on
 * to unseen items. `get` takes the query string (`limit=…&after=…`). The ids in page order.
 */
export async function walkKeysetPages(get: (query: string) => Promise<Answer>, limit: number, idOf: (item: any) => string): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages > 1000) throw new Error('more than 1000 pages: the cursor does not move on');
    const answer = await get(`limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    if (answer.status !== 200) throw new Error(`page ${pages + 1}: ${answer.status} ${JSON.stringify(answer.body)}`);
    const { items, next } = answer.body as { items: unknown[]; next: string | null };
    if (items.length > limit) throw new Error(`page ${pages + 1}: ${items.length} items, limit ${limit}`);
    if (next !== null && items.length < limit) throw new Error(`page ${pages + 1}: ${items.length} items and a next page`);
    for (const id of items.map(idOf)) {
      if (seen.includes(id)) throw new Error(`page ${pages + 1}: ${id} seen on an earlier page`);
      seen.push(id);
    }
    if (next === null) return seen;
    after = next;
  }
}

/**
 * What a keyset-paged list answers a limit beyond its cap (200), below 1, or a cursor it did not
 * make (for lists whose ids are UUIDs): 400 problem+json `validation_failed`, in Chinese, naming
 * the field. Returns the answers by query.
 */
export async function keysetRefusals(get: (query: string) => Promise<Answer>): Promise<Record<string, { status: number; type: string | null; code: string; field: string; chinese: boolean }>> {
  const refusals: Record<string, { status: number; type: string | null; code: string; field: string; chinese: boolean }> = {};
  for (const query of Object.keys(KEYSET_REFUSED)) {
    const answer = await get(query);
    refusals[query] = {
      status: answer.status,
      type: answer.headers.get('content-type')?.split(';')[0] ?? null,
      code: answer.body?.code,
      field: answer.body?.field,
      chinese: /[\u4e00-\u9fff]/.test(String(answer.body?.detail ?? '')),
    };
  }
  return refusals;
}

/** What keysetRefusals should give on every keyset-paged list. */
export const KEYSET_REFUSED = {
  'limit=201': { status: 400, type: 'application/problem+json', code: 'validation_failed', field: 'limit', chinese: true },
  'limit=0': { status: 400, type: 'application/problem+json', code: 'validation_failed', field: 'limit', chinese: true },
  [`after=${Buffer.from('not a cursor').toString('base64url')}`]: { status: 400, type: 'application/problem+json', code: 'validation_failed', field: 'after', chinese: true },
  'after=%7B%22at%22%3A1%7D': { status: 400, type: 'application/problem+json', code: 'validation_failed', field: 'after', chinese: true },
  // Well formed, but not an id of the list (its ids are UUIDs): refused before it reaches the database.
  [`after=${Buffer.from(JSON.stringify({ at: '2026-01-01T00:00:00.000Z', id: 'x' })).toString('base64url')}`]: { status: 400, type: 'application/problem+json', code: 'validation_failed', field: 'after', chinese: true },
};
