import { ApiError } from './api';

export interface UploadedPhoto {
  ref: string;
  url: string;
}

/** Limits the node enforces (it also checks the content); asked here first so a rider is told at once. */
export const PHOTO_MAX_MB = 10;
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];

export function checkPhoto(file: File): string | null {
  if (!ACCEPTED.includes(file.type)) return '只能上传 JPG、PNG 或 WebP 格式的照片';
  if (file.size > PHOTO_MAX_MB * 1024 * 1024) return `照片不能超过 ${PHOTO_MAX_MB} MB`;
  return null;
}

/** The services that take photos: wishes (心愿、随手拍) and dispatch (a volunteer's proof of work). */
export type PhotoService = 'wishes' | 'dispatch';

/** Uploads one photo to the node's service, which strips its EXIF and answers a reference. */
export async function uploadPhoto(file: File, service: PhotoService = 'wishes'): Promise<UploadedPhoto> {
  const form = new FormData();
  form.append('photo', file, file.name || 'photo.jpg');
  let response: Response;
  try {
    response = await fetch(`/api/${service}/photos`, { method: 'POST', body: form });
  } catch {
    throw new ApiError(0, 'offline', '网络不通，照片没有传上去，请稍后再试', 'photo');
  }
  const body = (await response.json().catch(() => ({}))) as { ref?: string; url?: string; code?: string; detail?: string };
  if (!response.ok || !body.ref) throw new ApiError(response.status, body.code ?? 'error', body.detail ?? '照片上传失败', 'photo');
  return { ref: body.ref, url: `/api/${service}/${body.url}` };
}
