import { allKeysetPages, keysetPagePath } from './keyset-pages';

describe('allKeysetPages', () => {
  it('follows next until the last page, passing each cursor as after', async () => {
    const pages: Record<string, { items: number[]; next: string | null }> = {
      first: { items: [1, 2], next: 'b' },
      b: { items: [3, 4], next: 'c' },
      c: { items: [5], next: null },
    };
    const asked: Array<string | undefined> = [];
    const items = await allKeysetPages(async (after) => {
      asked.push(after);
      return pages[after ?? 'first']!;
    });
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([undefined, 'b', 'c']);
  });
});

describe('keysetPagePath', () => {
  it('asks for the largest page, after the cursor when there is one', () => {
    expect(keysetPagePath('/postings/mine', undefined)).toBe('/postings/mine?limit=200');
    expect(keysetPagePath('/postings/mine', 'eyJhdCI6IjIwMjYifQ')).toBe('/postings/mine?limit=200&after=eyJhdCI6IjIwMjYifQ');
  });

  it('adds the page to a query the path has', () => {
    expect(keysetPagePath('/shifts?from=2026-06-01&to=2026-06-07', 'eyJ9')).toBe('/shifts?from=2026-06-01&to=2026-06-07&limit=200&after=eyJ9');
  });
});
