/**
 * A page of a keyset-paged list as every service answers it: `next` is the cursor to pass as
 * `after` for the following page, null on the last one. A list's page size is capped (200 at
 * most, 50 by default, libs/platform keyset-page.ts): a client that needs the whole list follows
 * `next`.
 */
export interface KeysetPage<T> {
  items: T[];
  next: string | null;
}

/** Every item of a keyset-paged list, page after page (for the short lists a screen shows whole). */
export async function allKeysetPages<T>(load: (after: string | undefined) => Promise<KeysetPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  do {
    const page = await load(after);
    items.push(...page.items);
    after = page.next ?? undefined;
  } while (after !== undefined);
  return items;
}

/** The largest page a keyset-paged list gives (libs/platform PageQueryDto). */
export const KEYSET_PAGE_MAX = 200;

/** `path` (with or without a query of its own) asking for the largest page after `after` (the first page without it). */
export function keysetPagePath(path: string, after: string | undefined): string {
  return `${path}${path.includes('?') ? '&' : '?'}limit=${KEYSET_PAGE_MAX}${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`;
}
