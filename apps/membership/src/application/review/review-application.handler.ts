import { Inject, Injectable } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import { ApplicationApproved, ApplicationEvent, ApplicationInfoRequested, ApplicationRejected, MEMBERSHIP_AGGREGATES, MembershipActivated, RejectionReason } from '@ws/contracts';
import { DomainError, newId, type Principal, mayAct } from '@ws/kernel';
import { membershipDecider } from '../../memberships/membership.decider';
import { currentMemberships, nextCardNumbers, registerMemberships } from '../../memberships/membership-registry';
import { Aggregates, target } from '../../shared/aggregates';
import { actorOf, administering } from '../../shared/scope';
import { registeredUnions } from '../../union/union-registry';
import { ApplicationCommand, applicationDecider, ApplicationState } from '../application.decider';
import { type ApplicationPatch, markApproved, updateApplication } from '../application-registry';

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
    private readonly aggregates: Aggregates,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** Approves each application on its own; one that cannot be approved is answered, not fatal. */
  async approve(applicationIds: string[], principal: Principal, expectedVersion?: number): Promise<ApprovalOutcome[]> {
    const ids = [...new Set(applicationIds)];
    const loaded = await this.aggregates.loadMany(applicationDecider, MEMBERSHIP_AGGREGATES.application, ids);
    const states = [...loaded.values()].map((l) => l.state);
    const unions = await registeredUnions(this.aggregates.db, states.map((s) => s.unionId).filter(Boolean));
    const existing = await currentMemberships(this.aggregates.db, states.map((s) => s.personId).filter(Boolean));
    const meta = { actor: actorOf(principal) };
    const now = this.aggregates.now();

    return this.aggregates.transaction(async (trx) => {
      const outcomes = new Map<string, ApprovalOutcome>();
      const cards = await nextCardNumbers(trx, this.config.node.code, ids.length);
      const approvals: Array<{ id: string; state: ApplicationState; version: number; approved: ApplicationApproved; activated: MembershipActivated }> = [];
      ids.forEach((id, i) => {
        const { state, version } = loaded.get(id)!;
        const union = unions.get(state.unionId);
        if (state.status !== 'none' && union && !mayAct(principal, administering(union))) {
          return outcomes.set(id, refused(id, new DomainError('out_of_scope', '只能审批本街道工会的申请')));
        }
        if (expectedVersion !== undefined && expectedVersion !== version) {
          return outcomes.set(id, refused(id, new DomainError('version_conflict', `申请已是版本 ${version}`, undefined, { expected: expectedVersion, actual: version })));
        }
        const membershipId = newId();
        const decided = applicationDecider.decide(
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
        const [activated] = this.aggregates.decide(
          membershipDecider,
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
          membershipDecider.initialState(),
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
        if (!registered.has(a.activated.data.membershipId)) outcomes.set(a.id, refused(a.id, new DomainError('already_member', '申请人已是会员')));
      }
      await this.aggregates.appendMany(
        trx,
        approvedNow.flatMap((a) => [
          { stream: target(MEMBERSHIP_AGGREGATES.application, a.id), loadedVersion: a.version, events: [a.approved] },
          { stream: target(MEMBERSHIP_AGGREGATES.membership, a.activated.data.membershipId), loadedVersion: 0, events: [a.activated] },
        ]),
        meta,
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
      const { data } = event as ApplicationRejected;
      return { reason: data.reason, note: data.note };
    });
  }

  async requestInfo(applicationId: string, fields: string[], note: string, principal: Principal, expectedVersion?: number) {
    return this.review(applicationId, { type: 'RequestInfo', fields, note }, 'info_requested', principal, expectedVersion, (event) => {
      const { data } = event as ApplicationInfoRequested;
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
    lookupDetails: (event: ApplicationEvent) => ApplicationPatch,
  ) {
    const { version } = await this.aggregates.handle(
      applicationDecider,
      target(MEMBERSHIP_AGGREGATES.application, applicationId),
      async (state) => {
        await this.assertScope(state, principal);
        return command;
      },
      {
        meta: { actor: actorOf(principal) },
        expectedVersion,
        alongside: (trx, events) => updateApplication(trx, applicationId, { status, ...lookupDetails(events[0]!) }, this.aggregates.now()),
      },
    );
    return { applicationId, status, version };
  }

  private async assertScope(state: ApplicationState, principal: Principal): Promise<void> {
    if (state.status === 'none') return; // the decider answers application_not_found
    const union = (await registeredUnions(this.aggregates.db, [state.unionId])).get(state.unionId);
    if (union && !mayAct(principal, administering(union))) throw new DomainError('out_of_scope', '只能处理本街道工会的申请');
  }
}
