import { defineErrorTable, KERNEL_ERRORS } from './error-status';

describe('defineErrorTable', () => {
  it("answers the table's own codes, the included tables' and the kernel's; 422 for any other", () => {
    const photos = defineErrorTable({ photo_too_large: 413 });
    const table = defineErrorTable({ wish_not_found: 404 }, photos);
    expect(table.statusOf('wish_not_found')).toBe(404);
    expect(table.statusOf('photo_too_large')).toBe(413);
    expect(table.statusOf('rate_limited')).toBe(429);
    expect(table.statusOf('personal_data_in_text')).toBe(422);
    expect(photos.statusOf('wish_not_found')).toBe(422);
  });

  it('refuses, when made, a code mapped to two statuses', () => {
    const photos = defineErrorTable({ photo_too_large: 413 });
    expect(() => defineErrorTable({ photo_too_large: 422 }, photos)).toThrow('error code photo_too_large already mapped to 413, not 422');
    expect(() => defineErrorTable({ validation_failed: 422 })).toThrow('error code validation_failed already mapped to 400, not 422');
  });

  it('keeps two services apart: a code of one is not in the other', () => {
    const stations = defineErrorTable({ station_ingest_limited: 429 });
    defineErrorTable({ station_ingest_limited: 404 });
    expect(stations.statusOf('station_ingest_limited')).toBe(429);
    expect(KERNEL_ERRORS.statusOf('station_ingest_limited')).toBe(422);
  });
});
