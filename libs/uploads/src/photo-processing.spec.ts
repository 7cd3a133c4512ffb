import sharp from 'sharp';
import { imageTypeOf, processPhoto } from './photo-processing';
import { isValidPhotoLink, signPhotoLink } from './photo-links';
import { hasGpsExif, phonePhotoWithGps } from '@ws/testing/photos';

describe('photo processing', () => {
  it('knows JPEG, PNG and WebP by their first bytes, nothing else', async () => {
    expect(imageTypeOf(await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } }).jpeg().toBuffer())).toBe('jpeg');
    expect(imageTypeOf(await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } }).png().toBuffer())).toBe('png');
    expect(imageTypeOf(await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } }).webp().toBuffer())).toBe('webp');
    expect(imageTypeOf(Buffer.from('%PDF-1.7 not a photo'))).toBeUndefined();
    expect(imageTypeOf(Buffer.from('GIF89a'))).toBeUndefined();
  });

  it('turns the photo upright, fits it in 1600 px and keeps no EXIF (GPS included)', async () => {
    const input = await phonePhotoWithGps();
    const before = await sharp(input).metadata();
    expect(before.exif?.includes(Buffer.from('TestPhone'))).toBe(true);
    expect(await hasGpsExif(input)).toBe(true);
    const out = await processPhoto(input);
    expect([out.width, out.height]).toEqual([1067, 1600]); // orientation 6: portrait once turned
    const after = await sharp(out.body).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(await hasGpsExif(out.body)).toBe(false);
    expect(after.xmp).toBeUndefined();
    expect(out.body.includes(Buffer.from('TestPhone'))).toBe(false);
  });

  it('refuses what is not an image and what claims to be one but does not decode, in Chinese', async () => {
    await expect(processPhoto(Buffer.from('<html>hello</html>'))).rejects.toMatchObject({ code: 'photo_not_image', field: 'photo', message: expect.stringContaining('JPG') });
    const truncated = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    await expect(processPhoto(truncated)).rejects.toMatchObject({ code: 'photo_malformed', message: expect.stringContaining('损坏') });
  });

  it('signs links that expire and cannot be moved to another photo', () => {
    const secret = 's'.repeat(40);
    const ref = 'ph_0196a3b0-0000-7000-8000-000000000001';
    const link = new URL(signPhotoLink(secret, ref, Date.parse('2026-06-01T00:00:00Z')), 'http://x/');
    const exp = link.searchParams.get('exp');
    const sig = link.searchParams.get('sig');
    expect(link.pathname).toBe(`/photos/${ref}.jpg`);
    expect(isValidPhotoLink(secret, ref, exp, sig, Date.parse('2026-06-01T00:09:00Z'))).toBe(true);
    expect(isValidPhotoLink(secret, ref, exp, sig, Date.parse('2026-06-01T00:11:00Z'))).toBe(false);
    expect(isValidPhotoLink(secret, 'ph_0196a3b0-0000-7000-8000-000000000002', exp, sig, Date.parse('2026-06-01T00:01:00Z'))).toBe(false);
    expect(isValidPhotoLink(secret, ref, String(Number(exp) + 3600), sig, Date.parse('2026-06-01T00:01:00Z'))).toBe(false);
  });
});
