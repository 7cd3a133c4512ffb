import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { contactLookupSubject, recipientProofSubject, RESPONDER_QUEUE } from '@ws/contracts';
import type { ContactLookupReply, ContactLookupRequest, RecipientProof, RecipientProofReply } from '@ws/contracts';
import { serveRequests } from '@ws/messaging';
import type { BusConnection, Responder } from '@ws/messaging';
import type { PlatformConfig } from './platform-config';
import { NATS, PLATFORM_CONFIG } from './tokens';

/**
 * A service that keeps people's contacts (membership, wishes, dispatch) answers notify: the SMS
 * address of a recipient at send time (if they agreed to be told that way; every read written in
 * its access log) and whom a worker's proof speaks for.
 */
export interface PersonalDataOwner {
  contact(request: ContactLookupRequest): Promise<ContactLookupReply>;
  recipient(proof: RecipientProof): Promise<RecipientProofReply>;
}

export const PERSONAL_DATA_OWNER = Symbol('PERSONAL_DATA_OWNER');

/** Serves the owner's two request subjects, `pii.<node>.<service>.contact` and `.recipient`, in one queue group. */
@Injectable()
export class NotifyResponders implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('NotifyResponders');
  private responders: Responder[] = [];

  constructor(
    @Inject(NATS) private readonly nc: BusConnection,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PERSONAL_DATA_OWNER) private readonly owner: PersonalDataOwner,
  ) {}

  onApplicationBootstrap(): void {
    const { node, service } = this.config;
    const onError = (error: unknown) => this.log.error(`request not answered: ${(error as Error).message}`);
    this.responders = [
      serveRequests<ContactLookupRequest, ContactLookupReply>(this.nc, contactLookupSubject(node.code, service), (request) => this.owner.contact(request), { queue: RESPONDER_QUEUE, onError }),
      serveRequests<RecipientProof, RecipientProofReply>(this.nc, recipientProofSubject(node.code, service), (proof) => this.owner.recipient(proof), { queue: RESPONDER_QUEUE, onError }),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.responders.map((r) => r.stop()));
  }
}
