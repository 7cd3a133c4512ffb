import { join } from 'node:path';
import { uploadsConfig } from './uploads.config';

describe('uploads configuration', () => {
  const quiet = () => undefined;

  it('keeps photos in a folder per database by default, 10 MB at most', () => {
    const config = uploadsConfig('n330802_wishes', { PHOTO_URL_SECRET: 'x'.repeat(32) }, quiet);
    expect(config).toEqual({ store: { kind: 'local', dir: join(process.cwd(), '.run', 'photos', 'n330802_wishes') }, maxBytes: 10 * 1024 * 1024, urlSecret: 'x'.repeat(32) });
  });

  it('moves them to S3-compatible storage by configuration, and says what is missing', () => {
    const config = uploadsConfig('n330802_wishes', {
      PHOTO_STORE: 's3', S3_ENDPOINT: 'minio.local', S3_PORT: '9000', S3_USE_SSL: 'false', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', S3_BUCKET: 'photos', PHOTO_URL_SECRET: 'x'.repeat(32),
    }, quiet);
    expect(config.store).toEqual({ kind: 's3', endPoint: 'minio.local', port: 9000, useSSL: false, accessKey: 'a', secretKey: 'b', bucket: 'photos', prefix: 'n330802_wishes/' });
    expect(() => uploadsConfig('db', { PHOTO_STORE: 's3', S3_ENDPOINT: 'minio.local' }, quiet)).toThrow(/S3_BUCKET/);
  });

  it('requires the link secret in production', () => {
    expect(() => uploadsConfig('db', { NODE_ENV: 'production' }, quiet)).toThrow(/PHOTO_URL_SECRET: required in production/);
    expect(uploadsConfig('db', {}, quiet).urlSecret).toHaveLength(64);
  });
});
