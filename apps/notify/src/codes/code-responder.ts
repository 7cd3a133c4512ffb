import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { checkMobile, CODE_PURPOSES, RESPONDER_QUEUE, verificationCodeSubject } from '@ws/contracts';
import type { VerificationCodeReply, VerificationCodeRequest } from '@ws/contracts';
import { serveRequests } from '@ws/messaging';
import type { BusConnection, Responder } from '@ws/messaging';
import { NATS, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { Gateways } from '../channels/gateways';

/** Tries of one code within the caller's wait (its request times out after 10 s). */
const TRIES = 3;
const PAUSES_MS = [300, 1500];
/** A code request repeated (the caller retried) within this long is answered without a second SMS. */
const REMEMBER_MS = 10 * 60_000;

/**
 * Delivers verification codes for the services that check mobiles (join, volunteer sign-in):
 * `notify.<node>.codes`, core request/reply. The mobile is used for the one SMS and forgotten —
 * not stored, not logged, not in any event; codes go out at any hour and outside the daily cap.
 */
@Injectable()
export class CodeResponder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('CodeResponder');
  private responder?: Responder;
  private readonly recent = new Map<string, number>();

  constructor(
    @Inject(NATS) private readonly nc: BusConnection,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    private readonly gateways: Gateways,
  ) {}

  onApplicationBootstrap(): void {
    this.responder = serveRequests<VerificationCodeRequest, VerificationCodeReply>(this.nc, verificationCodeSubject(this.platform.node.code), (request) => this.deliver(request), {
      queue: RESPONDER_QUEUE,
      onError: (error) => this.log.error(`code request not answered: ${(error as Error).message}`),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.responder?.stop();
  }

  async deliver(request: VerificationCodeRequest): Promise<VerificationCodeReply> {
    const mobile = checkMobile(String(request.mobile ?? ''));
    if (!mobile.ok || !CODE_PURPOSES.includes(request.purpose) || !/^\d{4,8}$/.test(String(request.code)) || typeof request.requestId !== 'string') {
      return { status: 'failed', reason: 'invalid_request' };
    }
    const now = Date.now();
    for (const [id, at] of this.recent) if (now - at > REMEMBER_MS) this.recent.delete(id);
    if (this.recent.has(request.requestId)) return { status: 'sent' };
    let last = 'unknown';
    for (let attempt = 1; attempt <= TRIES; attempt++) {
      const result = await this.gateways.sendCode({ ...request, mobile: mobile.value });
      if (result.type === 'sent') {
        this.recent.set(request.requestId, now);
        return { status: 'sent' };
      }
      last = result.error;
      if (result.type === 'permanent') break;
      if (attempt < TRIES) await new Promise((resolve) => setTimeout(resolve, PAUSES_MS[attempt - 1]));
    }
    this.log.warn(`verification code (${request.purpose}) not sent: ${last}`);
    return { status: 'failed', reason: last };
  }
}
