import { join } from 'node:path';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { loadConfig, secretOrEphemeral } from '@ws/kernel';
import type { S3Settings } from './photo-store';

/** Uploads settings of a service that takes photos (see README, Configuration). */
export class UploadsEnv {
  @IsIn(['local', 's3'])
  PHOTO_STORE: string = 'local';

  /** Local store: the folder (default .run/photos/<database> under the working directory). */
  @IsOptional() @IsString()
  PHOTO_DIR?: string;

  @IsInt() @Min(64 * 1024) @Max(50 * 1024 * 1024)
  PHOTO_MAX_BYTES: number = 10 * 1024 * 1024;

  /** Signs the short-lived photo links; required in production. */
  @IsOptional() @IsString() @MinLength(32, { message: 'PHOTO_URL_SECRET must be at least 32 characters' })
  PHOTO_URL_SECRET?: string;

  @ValidateIf((env: UploadsEnv) => env.PHOTO_STORE === 's3') @IsString()
  S3_ENDPOINT?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  S3_PORT?: number;

  @IsOptional() @Transform(({ obj, key }) => ({ true: true, false: false })[String(obj[key]) as 'true' | 'false'] ?? obj[key]) @IsBoolean()
  S3_USE_SSL?: boolean;

  @ValidateIf((env: UploadsEnv) => env.PHOTO_STORE === 's3') @IsString()
  S3_ACCESS_KEY?: string;

  @ValidateIf((env: UploadsEnv) => env.PHOTO_STORE === 's3') @IsString()
  S3_SECRET_KEY?: string;

  @ValidateIf((env: UploadsEnv) => env.PHOTO_STORE === 's3') @IsString()
  S3_BUCKET?: string;

  @IsOptional() @IsString()
  S3_REGION?: string;

  /** Key prefix in the bucket; default <database>/ (one bucket for every node and service). */
  @IsOptional() @IsString()
  S3_PREFIX?: string;

  @IsOptional() @IsIn(['production', 'development', 'test'])
  NODE_ENV?: string;
}

export interface UploadsConfig {
  store: { kind: 'local'; dir: string } | ({ kind: 's3' } & S3Settings);
  maxBytes: number;
  urlSecret: string;
}

export function uploadsConfig(database: string, env: NodeJS.ProcessEnv = process.env, warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): UploadsConfig {
  const raw = loadConfig(UploadsEnv, env);
  const urlSecret = secretOrEphemeral('PHOTO_URL_SECRET', raw.PHOTO_URL_SECRET, raw.NODE_ENV, 'photo links are signed', warn);
  const store: UploadsConfig['store'] =
    raw.PHOTO_STORE === 's3'
      ? {
          kind: 's3',
          endPoint: raw.S3_ENDPOINT!,
          ...(raw.S3_PORT ? { port: raw.S3_PORT } : {}),
          useSSL: raw.S3_USE_SSL ?? true,
          accessKey: raw.S3_ACCESS_KEY!,
          secretKey: raw.S3_SECRET_KEY!,
          bucket: raw.S3_BUCKET!,
          ...(raw.S3_REGION ? { region: raw.S3_REGION } : {}),
          prefix: raw.S3_PREFIX ?? `${database}/`,
        }
      : { kind: 'local', dir: raw.PHOTO_DIR ?? join(process.cwd(), '.run', 'photos', database) };
  return { store, maxBytes: raw.PHOTO_MAX_BYTES, urlSecret };
}
