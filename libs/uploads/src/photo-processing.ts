import type Sharp from 'sharp';
import { uploadsError } from './errors';

/** sharp (libvips, ~8 MB resident) is loaded by the first photo, not when the service starts. */
let sharpModule: typeof Sharp | undefined;
const loadSharp = (): typeof Sharp => (sharpModule ??= require('sharp') as typeof Sharp);

export type ImageType = 'jpeg' | 'png' | 'webp';

/**
 * What a file is, by its first bytes (the name and the Content-Type a browser sends are only
 * claims): JPEG, PNG or WebP, else undefined.
 */
export function imageTypeOf(head: Buffer): ImageType | undefined {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

export interface ProcessedPhoto {
  body: Buffer;
  width: number;
  height: number;
}

export interface PhotoLimits {
  /** Longest side after resizing. */
  maxSide: number;
  /** Decoding stops beyond this many pixels (a decompression bomb is refused, not decoded). */
  maxInputPixels: number;
}

export const DEFAULT_PHOTO_LIMITS: PhotoLimits = { maxSide: 1600, maxInputPixels: 50_000_000 };

/**
 * Turned upright by its EXIF orientation, resized to fit maxSide and written as a fresh JPEG
 * with no metadata at all: EXIF (GPS position, camera, time), XMP, ICC and comments are dropped
 * (sharp keeps none unless asked). A file that claims to be an image but does not decode is refused.
 */
export async function processPhoto(input: Buffer, limits: PhotoLimits = DEFAULT_PHOTO_LIMITS): Promise<ProcessedPhoto> {
  if (!imageTypeOf(input)) throw uploadsError('photo_not_image', '只能上传 JPG、PNG 或 WebP 格式的照片', 'photo');
  const sharp = loadSharp();
  try {
    const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: limits.maxInputPixels })
      .rotate()
      .resize({ width: limits.maxSide, height: limits.maxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { body: data, width: info.width, height: info.height };
  } catch {
    throw uploadsError('photo_malformed', '照片文件已损坏或无法读取，请换一张', 'photo');
  }
}
