import { DomainError } from './domain-error';
import { defineErrorTable, errorsOf, KERNEL_ERRORS } from './error-status';

describe('defineErrorTable', () => {
  it("answers the table's own codes, the included tables' and the kernel's; 422 for any other", () => {
    const photos = defineErrorTable({ photo_too_large: 413 });
    const table = defineErrorTable({ wish_not_found: 404 }, photos);
    expect(table.statusOf('wish_not_found')).toBe(404);
    expect(table.statusOf('photo_too_large')).toBe(413);
    expect(table.statusOf('rate_limited')).toBe(429);
    expect(table.statusOf('personal_data_in_text')).toBe(422);
    expect(table.statusOf('wish_lost')).toBe(422);
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

describe('errorsOf', () => {
  it("makes DomainErrors with the table's own codes, the included tables' and the kernel's; another code does not compile", () => {
    const photos = defineErrorTable({ photo_too_large: 413 });
    const wishError = errorsOf(defineErrorTable({ wish_not_found: 404 }, photos));
    const error = wishError('wish_not_found', '心愿不存在', 'wishId', { wishId: 'w1' });
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'wish_not_found', message: '心愿不存在', field: 'wishId', details: { wishId: 'w1' } });
    expect(wishError('photo_too_large', '照片过大').code).toBe('photo_too_large');
    expect(wishError('validation_failed', '分页参数无效', 'after').code).toBe('validation_failed');
    // @ts-expect-error a code the table does not list
    expect(wishError('wish_lost', '心愿丢失').code).toBe('wish_lost');
  });
});

describe('errorsOf(...).passOn', () => {
  it('answers a refusal decided elsewhere when the table lists its code, and treats an unlisted code as a bug', () => {
    const wishError = errorsOf(defineErrorTable({ wish_not_found: 404 }));
    const passed = wishError.passOn({ code: 'wish_not_found', message: '心愿不存在', field: 'wishId', details: { wishId: 'w1' } });
    expect(passed).toBeInstanceOf(DomainError);
    expect(passed).toMatchObject({ code: 'wish_not_found', message: '心愿不存在', field: 'wishId', details: { wishId: 'w1' } });
    expect(wishError.passOn({ code: 'version_conflict', message: '数据已被修改' }).code).toBe('version_conflict');
    expect(() => wishError.passOn({ code: 'wish_lost', message: '心愿丢失' })).toThrow("error code wish_lost is not in the service's error table");
  });
});
