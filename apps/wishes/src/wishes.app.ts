import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connectReactions, createServiceApp } from '@ws/platform';
import { WISHES_CONFIG } from './wishes.config';
import type { WishesConfig } from './wishes.config';
import { WISHES_SERVICE, WishesModule, WishesOverrides } from './wishes.module';

/** The HTTP API plus the durable reactions to dispatch's events on the node's EVT stream. */
export async function createWishesApp(overrides: WishesOverrides = {}): Promise<NestFastifyApplication> {
  const app = await createServiceApp(WishesModule.forRoot(overrides), '心愿与随手拍 wishes');
  const { reactionAckWaitMs } = app.get<WishesConfig>(WISHES_CONFIG);
  connectReactions(app, { service: WISHES_SERVICE, ackWaitMs: reactionAckWaitMs });
  await app.startAllMicroservices();
  return app;
}
