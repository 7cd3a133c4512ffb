import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Kysely } from 'kysely';
import { checkMobile } from '@ws/contracts';
import type { ContactLookupReply, ContactLookupRequest, Recipient, RecipientProof, RecipientProofReply } from '@ws/contracts';
import { DB } from '@ws/platform';
import type { PersonalDataOwner } from '@ws/platform';
import { APPLICATION_NUMBER } from '../application/submit/application-number';
import type { MembershipDatabase } from '../db/database';
import { PersonalDataVault } from '../personal-data/personal-data.vault';

/** Who reads, in the access log. */
const NOTIFY_ACTOR = 'service:notify';

/**
 * Membership's answers to notify. The applicant's or member's mobile goes out only if they agreed
 * to be told by SMS with that very mobile, and each read is in pii_access_log (who: notify; why:
 * the message kind). A proof is an application number or card number with the mobile on record.
 */
@Injectable()
export class MembershipDataOwner implements PersonalDataOwner {
  constructor(
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  async contact(request: ContactLookupRequest): Promise<ContactLookupReply> {
    const personId = await this.personOf(request.recipient);
    if (!personId) return { status: 'unknown_recipient' };
    const revealed = (await this.vault.reveal(this.db, [personId])).get(personId);
    if (revealed?.state === 'erased') return { status: 'erased' };
    if (revealed?.state !== 'readable') return { status: 'no_contact' };
    const consent = await this.db.selectFrom('sms_consents').select('mobile_hmac').where('person_id', '=', personId).executeTakeFirst();
    if (!consent || consent.mobile_hmac !== this.vault.mobileHmac(revealed.data.mobile)) return { status: 'no_consent' };
    await this.vault.logDisclosure(this.db, NOTIFY_ACTOR, [personId], `notify:${request.purpose}`);
    return { status: 'ok', address: revealed.data.mobile };
  }

  async recipient(proof: RecipientProof): Promise<RecipientProofReply> {
    if (proof.kind === 'applicant') {
      const number = String(proof.applicationNumber ?? '').trim().toUpperCase();
      const mobile = checkMobile(String(proof.mobile ?? ''));
      if (!mobile.ok || !APPLICATION_NUMBER.test(number)) return { status: 'refused' };
      const row = await this.db.selectFrom('application_registry').select(['application_id', 'mobile_hmac', 'membership_id']).where('application_number', '=', number).executeTakeFirst();
      if (!row || row.mobile_hmac === null || row.mobile_hmac !== this.vault.mobileHmac(mobile.value)) return { status: 'refused' };
      const recipients: Recipient[] = [{ kind: 'applicant', id: row.application_id }];
      if (row.membership_id) recipients.push({ kind: 'member', id: row.membership_id });
      return { status: 'ok', recipients };
    }
    if (proof.kind === 'member') {
      const mobile = checkMobile(String(proof.mobile ?? ''));
      if (!mobile.ok || typeof proof.cardNumber !== 'string') return { status: 'refused' };
      const row = await this.db
        .selectFrom('membership_registry as m')
        .innerJoin('persons as p', 'p.person_id', 'm.person_id')
        .select(['m.membership_id', 'p.mobile_hmac'])
        .where('m.card_number', '=', proof.cardNumber.trim())
        .where('m.status', 'in', ['active', 'suspended'])
        .executeTakeFirst();
      if (!row || row.mobile_hmac !== this.vault.mobileHmac(mobile.value)) return { status: 'refused' };
      return { status: 'ok', recipients: [{ kind: 'member', id: row.membership_id }] };
    }
    return { status: 'refused' };
  }

  private async personOf(recipient: ContactLookupRequest['recipient']): Promise<string | undefined> {
    if (!isUUID(recipient.id)) return undefined;
    if (recipient.kind === 'applicant') {
      return (await this.db.selectFrom('application_registry').select('person_id').where('application_id', '=', recipient.id).executeTakeFirst())?.person_id;
    }
    if (recipient.kind === 'member') {
      return (await this.db.selectFrom('membership_registry').select('person_id').where('membership_id', '=', recipient.id).executeTakeFirst())?.person_id;
    }
    return undefined;
  }
}
