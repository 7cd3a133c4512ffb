import sharp from 'sharp';

/** A phone photo: 3000×2000, stored sideways (orientation 6), with the camera and a GPS position at 柯城 in its EXIF. */
export async function phonePhotoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#3a7a5a' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'TestPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '28/1 56/1 10/1', GPSLongitudeRef: 'E', GPSLongitude: '118/1 52/1 20/1' } })
    .toBuffer();
}

/** True when a JPEG's EXIF holds a GPS block (the GPSInfo tag 0x8825, either byte order). */
export async function hasGpsExif(jpeg: Buffer): Promise<boolean> {
  const { exif } = await sharp(jpeg).metadata();
  return Boolean(exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]))));
}

/** A multipart/form-data body with one file, as a browser sends it. */
export async function multipartBody(field: string, file: Buffer, name: string, type: string): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(file)], { type }), name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}
