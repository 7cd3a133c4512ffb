import type { UploadRequestOptions } from 'element-plus';
import { ApiError, problemError, type Service } from './api';
import { accessToken } from './session';

/** An upload as the services answer it: the reference a record names, and a short-lived link to see it. */
export interface UploadedPhoto {
  ref: string;
  url: string;
}

/** A photo's reference with its link where this node keeps it (null: kept at the node that recorded it). */
export interface PhotoLink {
  ref: string;
  url: string | null;
}

/** The largest photo a service takes (PHOTO_MAX_BYTES' default). */
export const PHOTO_MAX_MB = 10;

/** What a link of a service's photo is in the browser: the service's relative link through the node's front. */
export const photoSrc = (service: Service, url: string) => `/api/${service}/${url}`;

/**
 * el-upload's request for a service's upload route: the officer's token (fresh at each photo),
 * the photo in the field `photo`, progress as it goes; a refusal is the service's, in Chinese
 * (XMLHttpRequest, not fetch: fetch reports no upload progress).
 */
export function photoUpload(service: Service, path: string) {
  return async (options: UploadRequestOptions): Promise<UploadedPhoto> => {
    const token = await accessToken();
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.upload.addEventListener('progress', (event) => {
        if (event.total > 0) options.onProgress(Object.assign(event, { percent: (event.loaded / event.total) * 100 }));
      });
      xhr.addEventListener('error', () => reject(new ApiError(0, 'offline', '连不上本节点，请检查网络后重试')));
      xhr.addEventListener('load', () => {
        if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as UploadedPhoto);
        else reject(problemError(xhr.status, xhr.responseText));
      });
      xhr.open('POST', `/api/${service}${path}`);
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.setRequestHeader('accept', 'application/json');
      const form = new FormData();
      form.append('photo', options.file, options.file.name);
      xhr.send(form);
    });
  };
}

const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];

/** Asked before an upload so the officer is told at once (the service checks the content again). */
export function checkPhoto(file: File): string | null {
  if (!ACCEPTED.includes(file.type)) return `「${file.name}」不是照片：只能上传 JPG、PNG 或 WebP 格式`;
  if (file.size > PHOTO_MAX_MB * 1024 * 1024) return `「${file.name}」超过 ${PHOTO_MAX_MB} MB，请压缩后再传`;
  return null;
}
