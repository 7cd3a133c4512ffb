import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Kysely } from 'kysely';
import type { ContactLookupReply, ContactLookupRequest, RecipientProof, RecipientProofReply } from '@ws/contracts';
import { DomainError } from '@ws/kernel';
import { CommandRunner, DB } from '@ws/platform';
import type { PersonalDataOwner } from '@ws/platform';
import { JobsAccess } from '../access/jobs-access';
import type { JobsDatabase } from '../db/database';
import { JobsVault } from '../vault/jobs-vault';
import { seekerAggregate } from '../aggregates';

/** Who reads, in the access log. */
const NOTIFY_ACTOR = 'service:notify';

/**
 * The jobs service's answers to notify for seekers (精准推送): a seeker's mobile, verified by code
 * at registration, goes out only while they keep pushes on (turning them off is their opt-out of
 * being told about work), and each read is in pii_access_log (who: notify; why: the message
 * kind). A seeker's proof is their session token, so the jobs pages can read notify's inbox.
 * An erased seeker (注销) is answered `erased`, and their token proves nobody any more.
 */
@Injectable()
export class JobsDataOwner implements PersonalDataOwner {
  constructor(
    @Inject(DB) private readonly db: Kysely<JobsDatabase>,
    private readonly runner: CommandRunner,
    private readonly vault: JobsVault,
    private readonly access: JobsAccess,
  ) {}

  async contact(request: ContactLookupRequest): Promise<ContactLookupReply> {
    if (request.recipient.kind !== 'seeker' || !isUUID(request.recipient.id)) return { status: 'unknown_recipient' };
    const seekerId = request.recipient.id;
    const { state } = await this.runner.load(seekerAggregate, seekerId);
    if (!state.registered) return { status: 'unknown_recipient' };
    if (state.erased) return { status: 'erased' };
    if (!state.pushes) return { status: 'no_consent' };
    let profile: Record<string, string | null>;
    try {
      profile = await this.vault.openProfile('seeker', seekerId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'personal_data_erased') return { status: 'erased' };
      throw error;
    }
    const mobile = profile['mobile'];
    if (!mobile) return { status: 'no_contact' };
    await this.db.insertInto('pii_access_log').values({ actor: NOTIFY_ACTOR, owner_kind: 'seeker', owner_id: seekerId, purpose: `notify:${request.purpose}` }).execute();
    return { status: 'ok', address: mobile };
  }

  async recipient(proof: RecipientProof): Promise<RecipientProofReply> {
    if (proof.kind !== 'seeker' || typeof proof.token !== 'string') return { status: 'refused' };
    try {
      return { status: 'ok', recipients: [{ kind: 'seeker', id: await this.access.verify('seeker', proof.token) }] };
    } catch {
      return { status: 'refused' };
    }
  }
}
