import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { PHOTO_STORE, Photos, photoStoreFor, UPLOADS_CONFIG } from './photos';
import { PhotoLinksController, PublicPhotoUploadController } from './photos.controller';
import { UnclaimedPhotoSweeper } from './unclaimed-photo-sweeper';
import { UploadsConfig, uploadsConfig } from './uploads.config';

/**
 * Photo uploads for a service: @fastify/multipart on its Fastify instance, the store chosen by
 * configuration (a local folder, or S3-compatible storage), `Photos` to accept and link, and
 * the /photos routes. Import it beside the PlatformModule.
 *
 * `upload: 'public'` serves POST /photos to anyone (a wish's photo, a volunteer's proof);
 * `'own-route'` serves only the signed links, and the service declares its upload route with the
 * roles that may upload (stations: who may record an activity), calling `Photos.accept`. The
 * service merges `uploadsMigrations` into its own (the uploads' table), claims the photos its
 * commands reference (`Photos.claim`), and `UnclaimedPhotoSweeper` removes the rest after a day.
 */
@Module({})
export class UploadsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  static forService(config?: UploadsConfig, { upload }: { upload: 'public' | 'own-route' } = { upload: 'public' }): DynamicModule {
    return {
      module: UploadsModule,
      controllers: upload === 'public' ? [PhotoLinksController, PublicPhotoUploadController] : [PhotoLinksController],
      providers: [
        { provide: UPLOADS_CONFIG, useFactory: (platform: PlatformConfig) => config ?? uploadsConfig(platform.database), inject: [PLATFORM_CONFIG] },
        { provide: PHOTO_STORE, useFactory: photoStoreFor, inject: [UPLOADS_CONFIG] },
        Photos,
        UnclaimedPhotoSweeper,
      ],
      exports: [Photos, UnclaimedPhotoSweeper, UPLOADS_CONFIG, PHOTO_STORE],
    };
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Queued, not awaited: awaiting a plugin here loads the routes Nest has just added, before
    // Nest sets its error handler after this hook, and Fastify's own refusals (unparsable JSON …)
    // would then leave without problem+json. The queue loads when the server starts.
    // Limits are set per request by Photos; these only bound what any request may try.
    void fastify.register(multipart, { limits: { files: 1, parts: 12, fieldSize: 4096 } });
  }
}

