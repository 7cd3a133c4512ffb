import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { shanghaiToday } from '@ws/contracts';
import { FixedClock } from '@ws/kernel';
import { multipartBody } from '@ws/testing/photos';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import { Photos, UNCLAIMED_UPLOAD_KEPT_MS, UnclaimedPhotoSweeper } from '@ws/uploads';
import { StationsModule } from '../stations.module';

/**
 * Activities' photos nobody used: an upload that no hold claimed within a day is removed from the
 * node's store by the sweep; one a held activity claimed stays, and so does one uploaded since.
 */
describe('unclaimed activity photos are swept (real Postgres and NATS, injected clock)', () => {
  const photoDir = mkdtempSync(join(tmpdir(), 'ws-activity-photos-sweep-'));
  const clock = new FixedClock(new Date());
  let service: ServiceHarness;
  let officer: string;

  const inject = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    service.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: { authorization: `Bearer ${officer}` } });
  const stored = () => readdirSync(photoDir).filter((name) => !name.startsWith('.')).sort();
  const file = (ref: string) => `${ref}.jpg`;

  async function upload(): Promise<string> {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#16a085' } }).png().toBuffer();
    const { body, contentType } = await multipartBody('photo', png, '活动.png', 'image/png');
    const uploaded = await service.app.inject({ method: 'POST', url: '/activities/photos', payload: body, headers: { 'content-type': contentType, authorization: `Bearer ${officer}` } });
    expect(uploaded.statusCode).toBe(201);
    return uploaded.json().ref;
  }

  async function hold(photos: string[]) {
    const today = shanghaiToday(clock.now());
    const planned = await inject('POST', '/activities', { stationId: null, streetCode: '330802003', kind: 'seasonal_theme', title: '送清凉', organiser: '区总工会', plannedOn: today });
    expect(planned.statusCode).toBe(201);
    return inject('POST', `/activities/${planned.json().activityId}/held`, { heldOn: today, participants: 20, newFormParticipants: 10, photos });
  }

  beforeAll(async () => {
    service = await startService('stations', (config) =>
      StationsModule.forRoot({ config, clock, uploads: { store: { kind: 'local', dir: photoDir }, maxBytes: 2 * 1024 * 1024, urlSecret: 'activity-photo-sweep-test-secret-0123456789' } }),
    );
    officer = await service.token('district_officer');
  });

  afterAll(async () => {
    await service?.close();
    rmSync(photoDir, { recursive: true, force: true });
  });

  it('removes an upload no hold claimed within a day; a claimed one and a young one stay', async () => {
    const claimed = await upload();
    const abandoned = await upload();
    expect((await hold([claimed])).statusCode).toBe(200);
    const sweeper = service.app.get(UnclaimedPhotoSweeper);

    // Not yet a day: nothing goes.
    clock.advance(UNCLAIMED_UPLOAD_KEPT_MS - 60_000);
    expect(await sweeper.run()).toEqual({ ran: true, result: 0 });
    expect(stored()).toEqual([file(claimed), file(abandoned)].sort());

    clock.advance(120_000);
    const young = await upload();
    expect(await sweeper.run()).toEqual({ ran: true, result: 1 });
    expect(stored()).toEqual([file(claimed), file(young)].sort());
    // Its link opens nothing now, and a hold that names it is refused; the claimed one still opens.
    const photos = service.app.get(Photos);
    expect((await service.app.inject({ method: 'GET', url: `/${photos.link(abandoned)}` })).statusCode).toBe(404);
    expect((await service.app.inject({ method: 'GET', url: `/${photos.link(claimed)}` })).statusCode).toBe(200);
    const refused = await hold([abandoned]);
    expect([refused.statusCode, refused.json().code]).toEqual([422, 'photo_not_uploaded']);

    // Claimed late, the young one stays past its day; a second pass removes nothing more.
    expect((await hold([young])).statusCode).toBe(200);
    clock.advance(UNCLAIMED_UPLOAD_KEPT_MS * 2);
    expect(await sweeper.run()).toEqual({ ran: true, result: 0 });
    expect(stored()).toEqual([file(claimed), file(young)].sort());
  });
});
