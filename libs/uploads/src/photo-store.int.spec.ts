import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Client } from 'minio';
import S3rver from 's3rver';
import { LocalFolderStore, S3Store } from './photo-store';

async function bytesOf(stream: Readable | undefined): Promise<Buffer | undefined> {
  if (!stream) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const ref = 'ph_0196a3b0-0000-7000-8000-000000000001';
const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

/** Both stores behind one interface: a local folder, and S3 over HTTP (s3rver, an S3 emulator, standing in for MinIO / OSS). */
describe('photo stores', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ws-store-'));
  let s3: S3rver;
  let port: number;

  beforeAll(async () => {
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: join(dir, 's3'), configureBuckets: [{ name: 'photos', configs: [] }] });
    const address = (await s3.run()) as AddressInfo;
    port = address.port;
  });

  afterAll(async () => {
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps, gives back and removes a photo in a local folder', async () => {
    const store = new LocalFolderStore(join(dir, 'local'));
    expect(await store.open(ref)).toBeUndefined();
    expect(await store.has(ref)).toBe(false);
    await store.put(ref, photo);
    expect(await store.has(ref)).toBe(true);
    expect(await bytesOf(await store.open(ref))).toEqual(photo);
    await store.remove(ref);
    expect(await store.open(ref)).toBeUndefined();
    expect(await store.has(ref)).toBe(false);
  });

  it('keeps, gives back and removes a photo in S3-compatible storage, under the prefix', async () => {
    const settings = { endPoint: '127.0.0.1', port, useSSL: false, accessKey: 'S3RVER', secretKey: 'S3RVER', bucket: 'photos', prefix: 'n330802_wishes/' };
    const store = new S3Store(settings);
    expect(await store.open(ref)).toBeUndefined();
    expect(await store.has(ref)).toBe(false);
    await store.put(ref, photo);
    expect(await store.has(ref)).toBe(true);
    expect(await bytesOf(await store.open(ref))).toEqual(photo);
    const client = new Client(settings);
    const stat = await client.statObject('photos', `n330802_wishes/${ref}.jpg`);
    expect(stat.metaData['content-type']).toBe('image/jpeg');
    await store.remove(ref);
    expect(await store.open(ref)).toBeUndefined();
    expect(await store.has(ref)).toBe(false);
  });
});
