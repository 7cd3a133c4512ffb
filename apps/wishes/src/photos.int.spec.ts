import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@ws/kernel';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { hasGpsExif, multipartBody, phonePhotoWithGps } from '@ws/testing/photos';
import { UNCLAIMED_UPLOAD_KEPT_MS, UnclaimedPhotoSweeper } from '@ws/uploads';
import { WishesModule } from './wishes.module';

/** Photo uploads of the wishes service over HTTP, into a local folder. */
describe('wishes photo uploads (real Postgres and NATS)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ws-photos-'));
  const maxBytes = 2 * 1024 * 1024;
  const clock = new FixedClock(new Date());
  let service: ServiceHarness;

  const upload = async (file: Buffer, name = 'a.jpg', type = 'image/jpeg') => {
    const { body, contentType } = await multipartBody('photo', file, name, type);
    return service.app.inject({ method: 'POST', url: '/photos', payload: body, headers: { 'content-type': contentType } });
  };
  const stored = () => readdirSync(dir).filter((name) => !name.startsWith('.'));

  beforeAll(async () => {
    service = await startService('wishes', (config) =>
      WishesModule.forRoot({ config, clock, uploads: { store: { kind: 'local', dir }, maxBytes, urlSecret: 'photo-url-test-secret-0123456789abcdef' } }),
    );
  });

  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still answers an unparsable JSON body with problem+json beside the uploads (the multipart plugin must not take the error handler of Nest away)', async () => {
    const malformed = await service.app.inject({ method: 'POST', url: '/wishes', payload: '{"title": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.json().code).toBe('malformed_body');
  });

  it('stores a phone photo resized and without its EXIF (GPS included), and shows it only through a signed link', async () => {
    const photo = await phonePhotoWithGps();
    expect(await hasGpsExif(photo)).toBe(true);
    const response = await upload(photo);
    expect(response.statusCode).toBe(201);
    const { ref, width, height, url } = response.json();
    expect(ref).toMatch(/^ph_[0-9a-f-]{36}$/);
    expect([width, height]).toEqual([1067, 1600]);
    expect(stored()).toEqual([`${ref}.jpg`]);
    const onDisk = readFileSync(join(dir, `${ref}.jpg`));
    expect(await hasGpsExif(onDisk)).toBe(false);
    expect(onDisk.includes(Buffer.from('TestPhone'))).toBe(false);

    const seen = await service.app.inject({ method: 'GET', url: `/${url}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/jpeg');
    expect(seen.rawPayload.equals(onDisk)).toBe(true);

    const forged = await service.app.inject({ method: 'GET', url: `/photos/${ref}.jpg?exp=9999999999&sig=${'A'.repeat(43)}` });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ code: 'photo_link_invalid' });
    expect((await service.app.inject({ method: 'GET', url: `/photos/${ref}.jpg` })).statusCode).toBe(403);
  });

  it.each([
    ['not an image', () => Buffer.from('MZ this is an executable, not a photo'), 415, 'photo_not_image', /JPG/],
    ['too large', () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(maxBytes + 10, 1)]), 413, 'photo_too_large', /不能超过 2 MB/],
    ['malformed', () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 9)]), 422, 'photo_malformed', /损坏/],
  ])('refuses an upload that is %s with a clear message and stores nothing', async (_what, file, status, code, message) => {
    const before = stored();
    const response = await upload(file());
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ code, field: 'photo' });
    expect(response.json().detail).toMatch(message);
    expect(stored()).toEqual(before);
  });

  it('refuses a request without a photo', async () => {
    const json = await service.app.inject({ method: 'POST', url: '/photos', payload: { photo: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'photo_missing' });
    const other = await multipartBody('file', Buffer.from([0xff, 0xd8, 0xff]), 'a.jpg', 'image/jpeg');
    const wrongField = await service.app.inject({ method: 'POST', url: '/photos', payload: other.body, headers: { 'content-type': other.contentType } });
    expect(wrongField.json()).toMatchObject({ code: 'photo_missing', detail: '请选择一张照片' });
  });

  it('removes the uploads nothing claimed within a day; one a 随手拍 report claimed stays, and so does one uploaded since', async () => {
    const claimed = (await upload(await phonePhotoWithGps())).json().ref;
    const report = { streetCode: `${service.config.node.code}001`, location: { lng: 118.87, lat: 28.94 }, text: '路口井盖松动', photoRefs: [claimed] };
    expect((await service.app.inject({ method: 'POST', url: '/reports', payload: report })).statusCode).toBeLessThan(300);
    clock.advance(UNCLAIMED_UPLOAD_KEPT_MS + 60_000);
    const young = (await upload(await phonePhotoWithGps())).json().ref;

    // Every upload of the earlier tests was left unclaimed: they go, these two stay.
    const sweeper = service.app.get(UnclaimedPhotoSweeper);
    const swept = await sweeper.run();
    expect(swept).toEqual({ ran: true, result: expect.any(Number) });
    expect(swept.ran && swept.result).toBeGreaterThan(0);
    expect(stored().sort()).toEqual([`${claimed}.jpg`, `${young}.jpg`].sort());
    expect(await sweeper.run()).toEqual({ ran: true, result: 0 });
  });
});
