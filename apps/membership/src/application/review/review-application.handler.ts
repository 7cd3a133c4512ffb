import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { ApplicationApproved, ApplicationInfoRequested, ApplicationRejected, EventEnvelope, MembershipActivated, RejectionReason } from '@ws/contracts';
import { DomainError, newId, type Principal, mayAct } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { applicationAggregate, membershipAggregate } from '../../aggregates';
import type { MembershipDatabase } from '../../db/database';
import { currentMemberships, nextCardNumbers, registerMemberships } from '../../memberships/membership-registry';
import { actorOf, administering } from '../../shared/scope';
import { registeredUnions } from '../../union/union-registry';
import type { ApplicationCommand, ApplicationState } from '../application.decider';
import { type ApplicationPatch, markApproved, updateApplication } from '../application-registry';
import { membershipError } from '../../membership.errors';

export type ApprovalOutcome =
  | { applicationId: string; status: 'approved'; membershipId: string; cardNumber: string }
  | { applicationId: string; status: 'refused'; error: { code: string; message: string; details?: Record<string, unknown> } };

const refused = (applicationId: string, error: DomainError): ApprovalOutcome => ({
  applicationId,
  status: 'refused',
  error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
});

/**
 * The union's decisions on applications. Approval issues the member card: the application's
 * ApplicationApproved and the new membership's MembershipActivated are written in one
 * transaction, with the registry row that keeps one current membership per person.
 */
@Injectable()
export class ReviewApplicationHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** Approves each application on its own; one that cannot be approved is answered, not fatal. */
  async approve(applicationIds: string[], principal: Principal, expectedVersion?: number): Promise<ApprovalOutcome[]> {
    const ids = [...new Set(applicationIds)];
    const loaded = await this.commands.loadMany(applicationAggregate, ids);
    const states = [...loaded.values()].map((l) => l.state);
    const unions = await registeredUnions(this.db, states.map((s) => s.unionId).filter(Boolean));
    const existing = await currentMemberships(this.db, states.map((s) => s.personId).filter(Boolean));
    const meta = { actor: actorOf(principal) };
    const now = this.commands.now();

    return this.commands.transaction(async (trx) => {
      const outcomes = new Map<string, ApprovalOutcome>();
      const cards = await nextCardNumbers(trx, this.config.node.code, ids.length);
      const approvals: Array<{ id: string; state: ApplicationState; version: number; approved: ApplicationApproved; activated: MembershipActivated }> = [];
      ids.forEach((id, i) => {
        const { state, version } = loaded.get(id)!;
        const union = unions.get(state.unionId);
        if (state.status !== 'none' && union && !mayAct(principal, administering(union))) {
          return outcomes.set(id, refused(id, membershipError('out_of_scope', '只能审批本街道工会的申请')));
        }
        if (expectedVersion !== undefined && expectedVersion !== version) {
          return outcomes.set(id, refused(id, membershipError('version_conflict', `申请已是版本 ${version}`, undefined, { expected: expectedVersion, actual: version })));
        }
        const membershipId = newId();
        const decided = applicationAggregate.decider.decide(
          {
            type: 'ApproveApplication',
            membershipId,
            cardNumber: cards[i]!,
            unionActive: union?.status === 'active',
            existingMembershipId: existing.get(state.personId)?.membershipId ?? null,
          },
          state,
          { now },
        );
        if (decided instanceof DomainError) return outcomes.set(id, refused(id, decided));
        const [activated] = this.commands.decide(
          membershipAggregate,
          {
            type: 'ActivateMembership',
            membershipId,
            personId: state.personId,
            unionId: state.unionId,
            cardNumber: cards[i]!,
            occupation: state.occupation,
            streetCode: state.streetCode,
            applicationId: id,
            transferId: null,
          },
          membershipAggregate.decider.initialState(),
        ) as MembershipActivated[];
        approvals.push({ id, state, version, approved: decided[0] as ApplicationApproved, activated: activated! });
      });

      const registered = await registerMemberships(
        trx,
        approvals.map((a) => ({ membershipId: a.activated.data.membershipId, personId: a.state.personId, unionId: a.state.unionId, cardNumber: a.activated.data.cardNumber })),
        now,
      );
      const approvedNow = approvals.filter((a) => registered.has(a.activated.data.membershipId));
      for (const a of approvals) {
        if (!registered.has(a.activated.data.membershipId)) outcomes.set(a.id, refused(a.id, membershipError('already_member', '申请人已是会员')));
      }
      await this.commands.appendMany(
        approvedNow.flatMap((a) => [
          { aggregate: applicationAggregate, id: a.id, expectedVersion: a.version, events: [a.approved] },
          { aggregate: membershipAggregate, id: a.activated.data.membershipId, expectedVersion: 0, events: [a.activated] },
        ]),
        meta,
        trx,
      );
      for (const a of approvedNow) {
        const { membershipId, cardNumber } = a.activated.data;
        outcomes.set(a.id, { applicationId: a.id, status: 'approved', membershipId, cardNumber });
      }
      await markApproved(
        trx,
        approvedNow.map((a) => ({ applicationId: a.id, membershipId: a.activated.data.membershipId, cardNumber: a.activated.data.cardNumber })),
        now,
      );
      return ids.map((id) => outcomes.get(id)!);
    });
  }

  async reject(applicationId: string, reason: RejectionReason, note: string, principal: Principal, expectedVersion?: number) {
    return this.review(applicationId, { type: 'RejectApplication', reason, note }, 'rejected', principal, expectedVersion, (event) => {
      const data = event.data as ApplicationRejected['data'];
      return { reason: data.reason, note: data.note };
    });
  }

  async requestInfo(applicationId: string, fields: string[], note: string, principal: Principal, expectedVersion?: number) {
    return this.review(applicationId, { type: 'RequestInfo', fields, note }, 'info_requested', principal, expectedVersion, (event) => {
      const data = event.data as ApplicationInfoRequested['data'];
      return { info_fields: data.fields, note: data.note };
    });
  }

  /** A decision on one application by an officer of its union, with what the applicant reads on their next look-up. */
  private async review(
    applicationId: string,
    command: ApplicationCommand,
    status: 'rejected' | 'info_requested',
    principal: Principal,
    expectedVersion: number | undefined,
    lookupDetails: (written: EventEnvelope) => ApplicationPatch,
  ) {
    const { version } = await this.commands.run(
      applicationAggregate,
      applicationId,
      async (state) => {
        await this.assertScope(state, principal);
        return command;
      },
      {
        meta: { actor: actorOf(principal) },
        expectedVersion,
        afterAppend: (trx, written) => updateApplication(trx, applicationId, { status, ...lookupDetails(written[0]!) }, this.commands.now()),
      },
    );
    return { applicationId, status, version };
  }

  private async assertScope(state: ApplicationState, principal: Principal): Promise<void> {
    if (state.status === 'none') return; // the decider answers application_not_found
    const union = (await registeredUnions(this.db, [state.unionId])).get(state.unionId);
    if (union && !mayAct(principal, administering(union))) throw membershipError('out_of_scope', '只能处理本街道工会的申请');
  }
}
