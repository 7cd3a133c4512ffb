export * from './photo-links';
export * from './photo-processing';
export * from './photo-store';
export * from './photos';
export * from './photos.controller';
export * from './uploads.config';
export * from './uploads.module';
export * from './errors';
