import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { ContactLookupReply, ContactLookupRequest, RecipientProof, RecipientProofReply } from '@ws/contracts';
import { DomainError } from '@ws/kernel';
import type { PersonalDataOwner } from '@ws/platform';
import { VolunteerAccess } from '../volunteer/access/volunteer-access';
import { VolunteerVault } from '../volunteer/vault/volunteer-vault';

/**
 * Dispatch's answers to notify: a volunteer's mobile when they agreed to SMS at registration
 * (each read in pii_access_log), and whose volunteer token a worker page holds.
 */
@Injectable()
export class DispatchDataOwner implements PersonalDataOwner {
  constructor(
    private readonly vault: VolunteerVault,
    private readonly access: VolunteerAccess,
  ) {}

  async contact(request: ContactLookupRequest): Promise<ContactLookupReply> {
    if (request.recipient.kind !== 'volunteer' || !isUUID(request.recipient.id)) return { status: 'unknown_recipient' };
    const volunteerId = request.recipient.id;
    let address;
    try {
      address = await this.vault.smsAddress(volunteerId, { actor: 'service:notify', purpose: `notify:${request.purpose}` });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'personal_data_erased') return { status: 'erased' };
      throw error;
    }
    if (address.status !== 'ok') return { status: address.status };
    return { status: 'ok', address: address.mobile };
  }

  async recipient(proof: RecipientProof): Promise<RecipientProofReply> {
    if (proof.kind !== 'volunteer' || typeof proof.token !== 'string') return { status: 'refused' };
    try {
      return { status: 'ok', recipients: [{ kind: 'volunteer', id: await this.access.verify(proof.token) }] };
    } catch {
      return { status: 'refused' };
    }
  }
}
