import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Client } from 'minio';

/** Where photos live: a folder of the node by default, S3-compatible storage (MinIO, OSS) by configuration. */
export interface PhotoStore {
  readonly kind: 'local' | 's3';
  put(ref: string, body: Buffer): Promise<void>;
  /** The photo's bytes, or undefined when there is none under that reference. */
  open(ref: string): Promise<Readable | undefined>;
  /** Whether a photo is kept under that reference (one stat, the bytes not read). */
  has(ref: string): Promise<boolean>;
  remove(ref: string): Promise<void>;
}

/** A reference is the object's name: `ph_` and a UUID, nothing a client could turn into a path. */
export const PHOTO_REF = /^ph_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const fileName = (ref: string) => `${ref}.jpg`;

export class LocalFolderStore implements PhotoStore {
  readonly kind = 'local' as const;

  constructor(private readonly dir: string) {}

  async put(ref: string, body: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Written aside and renamed: a reader never sees half a photo.
    const partial = join(this.dir, `.${fileName(ref)}.part`);
    await writeFile(partial, body, { mode: 0o640 });
    await rename(partial, join(this.dir, fileName(ref)));
  }

  async open(ref: string): Promise<Readable | undefined> {
    const path = join(this.dir, fileName(ref));
    try {
      await stat(path);
    } catch {
      return undefined;
    }
    return createReadStream(path);
  }

  async has(ref: string): Promise<boolean> {
    return stat(join(this.dir, fileName(ref))).then(
      () => true,
      () => false,
    );
  }

  async remove(ref: string): Promise<void> {
    await unlink(join(this.dir, fileName(ref))).catch(() => undefined);
  }
}

export interface S3Settings {
  endPoint: string;
  port?: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region?: string;
  /** Key prefix inside the bucket (one bucket may serve several nodes and services). */
  prefix: string;
}

export class S3Store implements PhotoStore {
  readonly kind = 's3' as const;
  private readonly client: Client;

  constructor(private readonly settings: S3Settings) {
    // Required here, not at the top: a node on the local folder never loads the S3 client (~3 MB).
    const { Client: S3Client } = require('minio') as typeof import('minio');
    this.client = new S3Client({
      endPoint: settings.endPoint,
      ...(settings.port ? { port: settings.port } : {}),
      useSSL: settings.useSSL,
      accessKey: settings.accessKey,
      secretKey: settings.secretKey,
      ...(settings.region ? { region: settings.region } : {}),
    });
  }

  private key(ref: string): string {
    return `${this.settings.prefix}${fileName(ref)}`;
  }

  async put(ref: string, body: Buffer): Promise<void> {
    await this.client.putObject(this.settings.bucket, this.key(ref), body, body.length, { 'Content-Type': 'image/jpeg' });
  }

  async open(ref: string): Promise<Readable | undefined> {
    try {
      return await this.client.getObject(this.settings.bucket, this.key(ref));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async has(ref: string): Promise<boolean> {
    try {
      await this.client.statObject(this.settings.bucket, this.key(ref));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async remove(ref: string): Promise<void> {
    await this.client.removeObject(this.settings.bucket, this.key(ref));
  }
}

/** MinIO's client names a missing object NoSuchKey on a read and NotFound on a stat. */
const isMissing = (error: unknown) => ['NoSuchKey', 'NotFound'].includes((error as { code?: string }).code ?? '');
