import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { maskMobile, maskName } from '@ws/contracts';
import { authorize, mayDiscloseUnmasked, type Principal } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import type { DispatchDatabase } from '../../db/database';
import { volunteerAggregate } from '../../aggregates';
import { VolunteerAccess } from '../access/volunteer-access';
import { VolunteerVault } from '../vault/volunteer-vault';
import { activeCheck, volunteerErrors, type VolunteerCommand } from '../volunteer.decider';

/**
 * An officer's work on a volunteer's record: each use case checks the officer's scope against the
 * volunteer's street (read from the volunteer's stream), then reads the vault, issues a code or
 * runs the command. The contact read unmasked is written to the access log.
 */
@Injectable()
export class ManageVolunteerHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly vault: VolunteerVault,
    private readonly access: VolunteerAccess,
    @Inject(DB) private readonly db: Kysely<DispatchDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  /** Name and mobile: whole for the volunteer's street and those above (logged), masked for a station manager. */
  async contact(volunteerId: string, principal: Principal) {
    const state = await this.inScope(volunteerId, principal);
    const unmasked = mayDiscloseUnmasked(principal, { nodeCode: this.platform.node.code, streetCode: state.homeStreet });
    const contact = await this.vault.open(volunteerId, unmasked ? { actor: principal.subject, purpose: 'volunteer_contact' } : undefined);
    if (!unmasked) return { volunteerId, name: maskName(contact.name), mobile: maskMobile(contact.mobile), disclosure: 'masked' };
    return { volunteerId, name: contact.name, mobile: contact.mobile, disclosure: 'unmasked' };
  }

  /** A new sign-in code for a volunteer who still serves (the old one dies). */
  async resetCode(volunteerId: string, principal: Principal) {
    const state = await this.inScope(volunteerId, principal);
    const refusal = activeCheck(state);
    if (refusal) throw refusal;
    return { volunteerId, accessCode: await this.access.issueCode(this.db, volunteerId) };
  }

  async retire(volunteerId: string, reason: 'withdrew' | 'removed', principal: Principal) {
    await this.inScope(volunteerId, principal);
    await this.runner.run(volunteerAggregate, volunteerId, (): VolunteerCommand => ({ type: 'RetireVolunteer', reason }), { meta: { actor: principal.subject } });
    return { volunteerId, status: 'retired' };
  }

  /** The vault's key destroyed and the volunteer retired; the service record stays. */
  async erase(volunteerId: string, principal: Principal) {
    await this.inScope(volunteerId, principal);
    const { events } = await this.runner.run(volunteerAggregate, volunteerId, (): VolunteerCommand => ({ type: 'RetireVolunteer', reason: 'erased' }), {
      meta: { actor: principal.subject },
      alongside: (trx) => this.vault.erase(trx, volunteerId),
    });
    // Already retired earlier: no event to write, but the personal data must go all the same.
    if (events.length === 0) await this.db.transaction().execute((trx) => this.vault.erase(trx, volunteerId));
    return { volunteerId, status: 'erased' };
  }

  private async inScope(volunteerId: string, principal: Principal) {
    const { state } = await this.runner.load(volunteerAggregate, volunteerId);
    if (state.status === 'none') throw volunteerErrors.notFound();
    authorize(principal, { street: state.homeStreet, field: 'streetCode' });
    return state;
  }
}
