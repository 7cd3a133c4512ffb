import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Kysely } from 'kysely';
import type { Readable } from 'node:stream';
import { CLOCK, DomainError, newId } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB } from '@ws/platform';
import { isValidPhotoLink, signPhotoLink } from './photo-links';
import { processPhoto } from './photo-processing';
import { LocalFolderStore, PHOTO_REF, S3Store } from './photo-store';
import type { PhotoStore } from './photo-store';
import type { UploadsConfig } from './uploads.config';
import { uploadsError } from './errors';
import type { PhotoUploadsTables } from './tables';

export const UPLOADS_CONFIG = Symbol('UPLOADS_CONFIG');
export const PHOTO_STORE = Symbol('PHOTO_STORE');

export function photoStoreFor(config: UploadsConfig): PhotoStore {
  return config.store.kind === 's3' ? new S3Store(config.store) : new LocalFolderStore(config.store.dir);
}

export interface UploadedPhoto {
  ref: string;
  width: number;
  height: number;
  bytes: number;
  /** A short-lived link to see it (relative to the service). */
  url: string;
}

/**
 * Photo uploads for any service (wishes, dispatch's proof photos, stations' activities): one file per
 * request in the multipart field `photo`, checked by content, size-limited, re-encoded without
 * EXIF, stored, and known from then on by its reference only. A command that references uploads
 * claims them (`claim`); one never claimed is removed after a day (UnclaimedPhotoSweeper).
 */
@Injectable()
export class Photos {
  constructor(
    @Inject(UPLOADS_CONFIG) private readonly config: UploadsConfig,
    @Inject(PHOTO_STORE) private readonly store: PhotoStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DB) private readonly db: Kysely<PhotoUploadsTables>,
  ) {}

  async accept(request: FastifyRequest): Promise<UploadedPhoto> {
    const raw = await this.readUpload(request);
    // Nothing is stored before the photo has been decoded and re-encoded: a refusal leaves no file.
    const photo = await processPhoto(raw);
    const ref = `ph_${newId()}`;
    // Recorded before it is stored: a photo in the store always has its row, so the sweep finds it
    // if nothing claims it (a row whose photo never got stored is swept the same way).
    await this.db.insertInto('photo_uploads').values({ ref, uploaded_at: this.clock.now() }).execute();
    await this.store.put(ref, photo.body);
    return { ref, width: photo.width, height: photo.height, bytes: photo.body.length, url: this.link(ref) };
  }

  link(ref: string): string {
    return signPhotoLink(this.config.urlSecret, ref, this.clock.now().getTime());
  }

  /** Links for the references of a read model row; references that are not uploads (demo data) get none. */
  links(refs: readonly string[]): Array<{ ref: string; url: string | null }> {
    return refs.map((ref) => ({ ref, url: PHOTO_REF.test(ref) ? this.link(ref) : null }));
  }

  /**
   * A command references these photos: each upload among them is claimed, kept from then on (the
   * sweep removes only unclaimed ones). Claimed before the command runs, so one the command then
   * refuses stays kept too — the sweep errs on keeping. Answers the references that no upload to
   * this service stored (another node's, made up, or swept): claimed by nobody. An upload from
   * before the uploads were recorded has no row and counts as stored if its photo is there (one
   * stat); one the sweep has begun to remove is not.
   */
  async claim(refs: readonly string[]): Promise<string[]> {
    const uploads = refs.filter((ref) => PHOTO_REF.test(ref));
    if (uploads.length === 0) return [...refs];
    const now = this.clock.now();
    const claimed = await this.db
      .updateTable('photo_uploads')
      .set((eb) => ({ claimed_at: eb.fn.coalesce('claimed_at', eb.val(now)) }))
      .where('ref', 'in', uploads)
      .where('sweeping_at', 'is', null)
      .returning('ref')
      .execute();
    const recorded = new Set(claimed.map((row) => row.ref));
    const unrecorded = uploads.filter((ref) => !recorded.has(ref));
    const sweeping =
      unrecorded.length > 0 ? new Set((await this.db.selectFrom('photo_uploads').select('ref').where('ref', 'in', unrecorded).execute()).map((row) => row.ref)) : new Set<string>();
    const older = unrecorded.filter((ref) => !sweeping.has(ref));
    const kept = await Promise.all(older.map((ref) => this.store.has(ref)));
    const stored = new Set([...recorded, ...older.filter((_, i) => kept[i])]);
    return refs.filter((ref) => !stored.has(ref));
  }

  async open(ref: string, exp: unknown, sig: unknown): Promise<Readable> {
    if (!isValidPhotoLink(this.config.urlSecret, ref, exp, sig, this.clock.now().getTime())) {
      throw uploadsError('photo_link_invalid', '照片链接无效或已过期，请刷新页面', 'sig');
    }
    const body = await this.store.open(ref);
    if (!body) throw uploadsError('photo_not_found', '照片不存在', 'ref');
    return body;
  }

  private async readUpload(request: FastifyRequest): Promise<Buffer> {
    let part;
    try {
      part = await request.file({ limits: { fileSize: this.config.maxBytes, files: 1, fields: 10, parts: 12 } });
    } catch {
      throw uploadsError('photo_missing', '请以 multipart/form-data 上传照片（字段 photo）', 'photo');
    }
    if (!part || part.fieldname !== 'photo') throw uploadsError('photo_missing', '请选择一张照片', 'photo');
    let body: Buffer;
    try {
      body = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw this.tooLarge();
      throw uploadsError('photo_malformed', '照片没有传完整，请重试', 'photo');
    }
    if (part.file.truncated) throw this.tooLarge();
    if (body.length === 0) throw uploadsError('photo_missing', '照片是空的，请重新选择', 'photo');
    return body;
  }

  private tooLarge(): DomainError {
    return uploadsError('photo_too_large', `照片不能超过 ${Math.round(this.config.maxBytes / 1024 / 1024)} MB`, 'photo', { maxBytes: this.config.maxBytes });
  }
}
