import type { InjectionToken, Provider } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { CLOCK } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import type { BusConnection } from '@ws/messaging';
import { DB, NATS, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { NotifyCodeSender } from './notify-code-sender';
import { VerificationCodes, VerificationSettings } from './verification-codes';

/**
 * VerificationCodes for a service, sending through the node's notify. `secret` names the
 * provider of the service's own keyed-hash secret and how to get the key from it.
 */
export function verificationCodesProvider(secret: { inject: InjectionToken; key: (value: any) => Buffer }, settings: Omit<VerificationSettings, 'hmacKey'> = {}): Provider {
  return {
    provide: VerificationCodes,
    useFactory: (db: Kysely<any>, nc: BusConnection, clock: Clock, platform: PlatformConfig, value: unknown) =>
      new VerificationCodes(db, new NotifyCodeSender(nc, platform.node.code), clock, { ...settings, hmacKey: secret.key(value) }),
    inject: [DB, NATS, CLOCK, PLATFORM_CONFIG, secret.inject],
  };
}
