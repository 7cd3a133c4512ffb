import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { APPLICATION_STATUS_LABELS, checkMobile, checkName, REJECTION_REASON_LABELS } from '@ws/contracts';
import type { RejectionReason } from '@ws/contracts';
import { CommandRunner, DB } from '@ws/platform';
import { applicationAggregate } from '../../aggregates';
import type { MembershipDatabase } from '../../db/database';
import { PersonalDataVault } from '../../personal-data/personal-data.vault';
import { registeredUnions } from '../../union/union-registry';
import { ApplicantLimits } from '../applicant-limits';
import type { ApplicationState } from '../application.decider';
import { applicationByNumber, updateApplication } from '../application-registry';
import { APPLICATION_NUMBER } from '../submit/application-number';
import type { AmendApplicationDto } from './lookup-application.dto';
import { membershipError } from '../../membership.errors';

const NOT_FOUND = () => membershipError('application_not_found', '申请编号或手机号不正确');

/**
 * What an applicant sees with their application number and mobile: the status and, once
 * approved, the member card number. A wrong number and a wrong mobile answer alike, so the
 * endpoint tells a guesser nothing.
 */
@Injectable()
export class LookupApplicationHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    private readonly limits: ApplicantLimits,
  ) {}

  async lookup(number: string, mobile: string) {
    const row = await this.find(number, mobile);
    const union = await this.db.selectFrom('unions').select('name').where('union_id', '=', row.union_id).executeTakeFirst();
    return {
      applicationNumber: row.application_number,
      status: row.status,
      statusLabel: APPLICATION_STATUS_LABELS[row.status],
      unionId: row.union_id,
      unionName: union?.name ?? null,
      submittedAt: row.submitted_at,
      updatedAt: row.updated_at,
      ...(row.status === 'approved' ? { cardNumber: row.card_number } : {}),
      ...(row.status === 'rejected' ? { rejection: { reason: row.reason, reasonLabel: REJECTION_REASON_LABELS[row.reason as RejectionReason] ?? null, note: row.note } } : {}),
      ...(row.status === 'info_requested' ? { infoRequested: { fields: row.info_fields ?? [], note: row.note } } : {}),
    };
  }

  async amend(dto: AmendApplicationDto) {
    const row = await this.find(dto.number, dto.mobile);
    let newName: string | undefined;
    if (dto.name !== undefined) {
      const checked = checkName(dto.name);
      if (!checked.ok) throw membershipError(checked.code, checked.message, 'name');
      newName = checked.value;
    }
    // The state the amendment was decided on, for the registry rows written with it.
    let before: ApplicationState;
    await this.commands.run(
      applicationAggregate,
      row.application_id,
      async (state) => {
        before = state;
        const unionId = dto.unionId ?? state.unionId;
        const union = (await registeredUnions(this.db, [unionId])).get(unionId);
        return {
          type: 'AmendApplication' as const,
          unionId,
          occupation: dto.occupation ?? state.occupation,
          employer: dto.employer ?? state.employer,
          streetCode: dto.streetCode ?? state.streetCode,
          personalDataChanged: newName !== undefined,
          unionActive: union?.status === 'active',
        };
      },
      {
        meta: { actor: 'public' },
        afterAppend: async (trx) => {
          if (newName !== undefined) {
            const current = (await this.vault.reveal(trx, [before.personId])).get(before.personId);
            if (current?.state !== 'readable') throw membershipError('person_erased', '个人信息已注销');
            await this.vault.replace(trx, before.personId, { ...current.data, name: newName });
          }
          await updateApplication(trx, row.application_id, { status: 'submitted', union_id: dto.unionId ?? before.unionId, note: null, info_fields: null }, this.commands.now());
        },
      },
    );
    return this.lookup(dto.number, dto.mobile);
  }

  /**
   * The application a number + mobile pair opens. A wrong pair counts against the number and
   * the mobile it named; past the limit both are locked out for a while, the right pair too.
   */
  private async find(number: string, mobile: string) {
    const checked = checkMobile(mobile);
    const applicationNumber = number.trim().toUpperCase();
    const mobileHmac = checked.ok ? this.vault.mobileHmac(checked.value) : null;
    this.limits.assertLookupOpen(applicationNumber, mobileHmac);
    const row = APPLICATION_NUMBER.test(applicationNumber) && mobileHmac ? await applicationByNumber(this.db, applicationNumber) : undefined;
    if (!row || row.mobile_hmac === null || row.mobile_hmac !== mobileHmac) {
      this.limits.wrongPair(applicationNumber, mobileHmac);
      throw NOT_FOUND();
    }
    return row;
  }
}
