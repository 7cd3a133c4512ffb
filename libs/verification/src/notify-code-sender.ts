import { verificationCodeSubject } from '@ws/contracts';
import type { VerificationCodeReply, VerificationCodeRequest } from '@ws/contracts';
import { requestReply } from '@ws/messaging';
import type { BusConnection } from '@ws/messaging';
import type { CodeSender } from './verification-codes';

/** Asks the node's notify service to send the code by SMS; the mobile exists only in this request. */
export class NotifyCodeSender implements CodeSender {
  constructor(
    private readonly nc: BusConnection,
    private readonly nodeCode: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(request: VerificationCodeRequest): Promise<void> {
    const reply = await requestReply<VerificationCodeRequest, VerificationCodeReply>(this.nc, verificationCodeSubject(this.nodeCode), request, this.timeoutMs);
    if (reply.status !== 'sent') throw new Error(`notify did not send the code: ${reply.reason}`);
  }
}
