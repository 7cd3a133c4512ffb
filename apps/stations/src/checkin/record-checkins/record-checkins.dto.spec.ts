import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { checkVisitBatch, type BatchVerdicts } from '../visit-validation';
import { RecordCheckinDto, RecordCheckinsDto } from './record-checkins.dto';

const NOW = new Date('2026-06-01T02:00:00.000Z');

async function invalidFields<T extends object>(cls: new () => T, body: unknown): Promise<string[]> {
  const errors = await validate(plainToInstance(cls, body) as object, { whitelist: true, forbidNonWhitelisted: true });
  return errors.map((e) => e.property).sort();
}

describe('RecordCheckinDto (one live check-in)', () => {
  it('accepts a QR check-in without time and with a lower-case member card', async () => {
    expect(await invalidFields(RecordCheckinDto, { key: 'qr-scan-0001', occupation: 'rider', memberCard: 'zj330802000123' })).toEqual([]);
  });

  it('refuses a name or a phone, a short key, an unknown occupation, a time without zone', async () => {
    expect(await invalidFields(RecordCheckinDto, { key: 'qr-scan-0001', occupation: 'rider', name: '张三', phone: '13800000000' })).toEqual(['name', 'phone']);
    expect(await invalidFields(RecordCheckinDto, { key: 'qr', occupation: 'pilot', at: '2026-06-01 10:00' })).toEqual(['at', 'key', 'occupation']);
  });
});

describe('RecordCheckinsDto (a batch)', () => {
  it('checks only the envelope, so a bad item reaches the per-item check instead of failing the batch', async () => {
    const visits = [
      { key: 'kiosk-17-000001', at: '2026-06-01T09:00:00+08:00', occupation: 'courier' },
      { key: 'kiosk-17-000002', at: '2026-06-01T09:01:00+08:00', occupation: 'pilot', extra: true },
    ];
    const dto = plainToInstance(RecordCheckinsDto, { visits });
    expect(await validate(dto, { whitelist: true, forbidNonWhitelisted: true })).toEqual([]);
    const result = checkVisitBatch(dto.visits, NOW) as BatchVerdicts;
    expect(result.accepted.map((v) => v.key)).toEqual(['kiosk-17-000001']);
    expect(result.rejected.map((v) => v.reason)).toEqual(['unknown_visit_field']);
  });

  it('refuses an empty batch, more than 1000 items, items that are not objects, unknown top-level fields', async () => {
    const item = { key: 'kiosk-17-000001', at: '2026-06-01T09:00:00+08:00', occupation: 'courier' };
    expect(await invalidFields(RecordCheckinsDto, { visits: [] })).toEqual(['visits']);
    expect(await invalidFields(RecordCheckinsDto, { visits: Array.from({ length: 1001 }, () => item) })).toEqual(['visits']);
    expect(await invalidFields(RecordCheckinsDto, { visits: [item, 'x'] })).toEqual(['visits']);
    expect(await invalidFields(RecordCheckinsDto, { visits: [item], kioskOwner: '李四' })).toEqual(['kioskOwner']);
  });
});
