import { Inject, Injectable } from '@nestjs/common';
import { PROOF_OWNERS, recipientKey, recipientProofSubject } from '@ws/contracts';
import type { Recipient, RecipientProof, RecipientProofReply } from '@ws/contracts';
import { requestReply, RequestUnanswered } from '@ws/messaging';
import type { BusConnection } from '@ws/messaging';
import { NATS, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { NOTIFY_CONFIG } from '../notify.config';
import type { NotifyConfig } from '../notify.config';
import { notifyError } from '../notify.errors';

export interface ProvenRecipients {
  recipients: Recipient[];
  keys: string[];
}

/**
 * A worker has no account here: their proof (wish number + author key, application number +
 * mobile, card number + mobile, a volunteer token) is checked by the service that issued it,
 * over the request subject, which answers whom it speaks for. Notify keeps none of it.
 */
@Injectable()
export class Proofs {
  constructor(
    @Inject(NATS) private readonly nc: BusConnection,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(NOTIFY_CONFIG) private readonly config: NotifyConfig,
  ) {}

  async check(proof: RecipientProof): Promise<ProvenRecipients> {
    const subject = recipientProofSubject(this.platform.node.code, PROOF_OWNERS[proof.kind]);
    let reply: RecipientProofReply;
    try {
      reply = await requestReply<RecipientProof, RecipientProofReply>(this.nc, subject, proof, this.config.lookupTimeoutMs);
    } catch (error) {
      if (error instanceof RequestUnanswered) throw notifyError('owner_unavailable', '暂时无法核验凭证，请稍后再试');
      throw error;
    }
    if (reply.status !== 'ok' || reply.recipients.length === 0) throw notifyError('proof_invalid', '凭证不正确或已失效', 'proof');
    return { recipients: reply.recipients, keys: reply.recipients.map(recipientKey) };
  }
}
