import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@ws/platform';
import { WishesModule, WishesOverrides } from './wishes.module';

/** The HTTP API; its reaction to dispatch's task events runs with the platform's projections. */
export function createWishesApp(overrides: WishesOverrides = {}): Promise<NestFastifyApplication> {
  return createServiceApp(WishesModule.forRoot(overrides), '心愿与随手拍 wishes');
}
