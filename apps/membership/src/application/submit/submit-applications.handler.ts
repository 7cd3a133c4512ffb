import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { ApplicationChannel, ApplicationSubmitted } from '@ws/contracts';
import type { AppendMeta } from '@ws/eventstore';
import { DomainError, newId } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG, type PlatformConfig } from '@ws/platform';
import type { VerifiedCode } from '@ws/verification';
import { applicationAggregate, membershipAggregate } from '../../aggregates';
import type { MembershipDatabase } from '../../db/database';
import { currentMemberships, type RegisteredMembership, updateMembership } from '../../memberships/membership-registry';
import { PersonalDataVault } from '../../personal-data/personal-data.vault';
import { recordSmsConsents } from '../../personal-data/sms-consent';
import { registeredUnions, type RegisteredUnion, suggestUnion, type SuggestionMatch } from '../../union/union-registry';
import { ApplicantLimits } from '../applicant-limits';
import { pendingApplications, registerApplications } from '../application-registry';
import { newApplicationNumber } from './application-number';
import { answerKnownPerson } from './known-person';
import { ItemError, parseApplication, ValidApplication } from './parse-application';
import type { ItemOutcomeDto } from './submit-application.dto';

export type ItemOutcome = ItemOutcomeDto;

export interface SubmitOptions {
  channel: ApplicationChannel;
  actor: string;
  /** Correlates the events of one fair's upload. */
  batchId?: string;
  /** An officer's token or an SMS code vouches for the mobiles; otherwise limits per ID number and mobile apply. */
  proven: boolean;
}

interface Candidate extends ValidApplication {
  idHmac: string;
  mobileHmac: string;
}

/** An item with its union: the one named, or the one suggested (and why). */
interface Routed {
  item: Candidate;
  unionId: string;
  suggestedBy?: SuggestionMatch;
}

interface NewApplication extends Routed {
  personId: string;
  isNewPerson: boolean;
  event: ApplicationSubmitted;
}

interface TransferInstead extends Routed {
  membership: RegisteredMembership;
  union: RegisteredUnion;
}

/** What one item will write, or why it is refused. */
type Planned = { refused: ItemOutcome } | { application: NewApplication };

interface Known {
  persons: Map<string, { personId: string; mobileHmac: string | null }>;
  memberships: Map<string, RegisteredMembership>;
  pending: Awaited<ReturnType<typeof pendingApplications>>;
}

const rejected = (index: number, error: ItemError): ItemOutcome => ({ index, status: 'rejected', error });
const errorOf = (error: DomainError): ItemError => ({ code: error.code, ...(error.field ? { field: error.field } : {}), message: error.message });

/**
 * Join applications, one or a fair's worth (up to 500) at a time. Every item is answered on its
 * own: accepted, refused with the reason, answered with what the person (by ID number) already
 * has, or — a member naming another union — turned into a transfer. Bad items are dropped
 * before the transaction, so one bad item never costs the others; the good ones are written
 * together in one transaction.
 */
@Injectable()
export class SubmitApplicationsHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly limits: ApplicantLimits,
  ) {}

  async submit(rawItems: unknown[], options: SubmitOptions): Promise<ItemOutcome[]> {
    const today = this.commands.now();
    const outcomes: ItemOutcome[] = [];
    const candidates: Candidate[] = [];
    const inThisRequest = new Set<string>();
    rawItems.forEach((raw, index) => {
      const parsed = parseApplication(raw, index, today);
      if (!parsed.ok) return outcomes.push(rejected(index, parsed.error));
      const idHmac = this.vault.idNumberHmac(parsed.application.person.idNumber);
      if (inThisRequest.has(idHmac)) {
        return outcomes.push(rejected(index, { code: 'duplicate_in_request', field: 'idNumber', message: '同一身份证号在本次提交中重复出现' }));
      }
      inThisRequest.add(idHmac);
      const mobileHmac = this.vault.mobileHmac(parsed.application.person.mobile);
      const limited = options.proven ? undefined : this.limits.application(idHmac, mobileHmac);
      if (limited) return outcomes.push(rejected(index, errorOf(limited)));
      candidates.push({ ...parsed.application, idHmac, mobileHmac });
    });
    if (candidates.length > 0) {
      const { answered, transfers } = await this.commands.transaction((trx) => this.submitValid(trx, candidates, options));
      outcomes.push(...answered);
      // Each in its own transaction after the batch: a race on one membership (409) costs that item only.
      for (const transfer of transfers) outcomes.push(await this.transferInstead(transfer, metaOf(options)));
    }
    return outcomes.sort((a, b) => a.index - b.index);
  }

  /** The code that unlocked an application is spent once the application is in. */
  async consumeCode(code: VerifiedCode): Promise<void> {
    await this.commands.transaction((trx) => code.consume(trx));
  }

  /** Writes the new applications; returns the answers so far and the members whose application becomes a transfer. */
  private async submitValid(trx: Transaction<MembershipDatabase>, items: Candidate[], options: SubmitOptions): Promise<{ answered: ItemOutcome[]; transfers: TransferInstead[] }> {
    const outcomes: ItemOutcome[] = [];
    const routed = await this.routeToUnions(trx, items, outcomes);
    const unions = await registeredUnions(trx, routed.map((r) => r.unionId));
    const known = await this.known(trx, routed.map((r) => r.item.idHmac));
    const now = this.commands.now();
    const applications: NewApplication[] = [];
    const transfers: TransferInstead[] = [];
    for (const r of routed) {
      const union = unions.get(r.unionId);
      if (!union) {
        outcomes.push(rejected(r.item.index, { code: 'union_not_found', field: 'unionId', message: '所选工会不存在' }));
        continue;
      }
      const person = known.persons.get(r.item.idHmac);
      const answer = person
        ? answerKnownPerson(
            r.item.index,
            { sameMobile: person.mobileHmac === r.item.mobileHmac, proven: options.proven, membership: known.memberships.get(person.personId), pending: known.pending.get(person.personId) },
            r.item.unionId,
          )
        : ({ kind: 'apply' } as const);
      if (answer.kind === 'answer') {
        outcomes.push(answer.outcome);
        continue;
      }
      if (answer.kind === 'transfer') {
        transfers.push({ ...r, membership: answer.membership, union });
        continue;
      }
      const planned = this.newApplication(r, union, person?.personId, now, options.channel);
      if ('refused' in planned) outcomes.push(planned.refused);
      else applications.push(planned.application);
    }
    const written = await this.storeApplications(trx, applications, outcomes, now, options.proven);
    await this.commands.appendMany(
      written.map((a) => ({ aggregate: applicationAggregate, id: a.event.data.applicationId, expectedVersion: 0, events: [a.event] })),
      metaOf(options),
      trx,
    );
    for (const a of written) {
      const { applicationId, applicationNumber } = a.event.data;
      outcomes.push({ index: a.item.index, status: 'accepted', applicationId, applicationNumber, unionId: a.unionId, ...suggested(a) });
    }
    return { answered: outcomes, transfers };
  }

  /** The union each item names, or the nearest suitable one for its occupation and street. */
  private async routeToUnions(trx: Transaction<MembershipDatabase>, items: Candidate[], outcomes: ItemOutcome[]): Promise<Routed[]> {
    const suggestions = new Map<string, Awaited<ReturnType<typeof suggestUnion>>>();
    const routed: Routed[] = [];
    for (const item of items) {
      if (item.unionId !== null) {
        routed.push({ item, unionId: item.unionId });
        continue;
      }
      const key = `${item.occupation}|${item.streetCode ?? ''}`;
      if (!suggestions.has(key)) suggestions.set(key, await suggestUnion(trx, item.occupation, item.streetCode));
      const suggestion = suggestions.get(key);
      if (suggestion) routed.push({ item, unionId: suggestion.unionId, suggestedBy: suggestion.match });
      else outcomes.push(rejected(item.index, { code: 'no_union_suggested', field: 'unionId', message: '没有适合该职业和街道的工会，请选择工会' }));
    }
    return routed;
  }

  private async known(trx: Transaction<MembershipDatabase>, idHmacs: string[]): Promise<Known> {
    const persons = await this.vault.personsByIdNumberHmac(trx, idHmacs);
    const personIds = [...persons.values()].map((p) => p.personId);
    return { persons, memberships: await currentMemberships(trx, personIds), pending: await pendingApplications(trx, personIds) };
  }

  private newApplication(r: Routed, union: RegisteredUnion, personId: string | undefined, now: Date, channel: ApplicationChannel): Planned {
    const id = personId ?? newId();
    const decided = applicationAggregate.decider.decide(
      {
        type: 'SubmitApplication',
        applicationId: newId(),
        applicationNumber: newApplicationNumber(now),
        personId: id,
        unionId: r.unionId,
        occupation: r.item.occupation,
        employer: r.item.employer,
        streetCode: r.item.streetCode,
        stationId: r.item.stationId,
        channel,
        unionActive: union.status === 'active',
      },
      applicationAggregate.decider.initialState(),
      { now },
    );
    if (decided instanceof DomainError) return { refused: rejected(r.item.index, errorOf(decided)) };
    return { application: { ...r, personId: id, isNewPerson: personId === undefined, event: decided[0] as ApplicationSubmitted } };
  }

  /** A member's application to another union of this node, recorded as their transfer request (转会). */
  private async transferInstead(t: TransferInstead, meta: AppendMeta): Promise<ItemOutcome> {
    const transferId = newId();
    const node = this.config.node.code;
    const { membershipId, cardNumber, unionId } = t.membership;
    try {
      await this.commands.run(
        membershipAggregate,
        membershipId,
        { type: 'RequestTransfer', transferId, toUnionId: t.unionId, fromNode: node, toNode: node, toUnionActive: t.union.status === 'active' },
        { meta, afterAppend: (trx) => updateMembership(trx, membershipId, { pending_transfer_id: transferId }, this.commands.now()) },
      );
    } catch (error) {
      if (error instanceof DomainError) return rejected(t.item.index, errorOf(error));
      throw error;
    }
    return { index: t.item.index, status: 'transfer_requested', membershipId, cardNumber, unionId, toUnionId: t.unionId, transferId };
  }

  /**
   * Vault and registry rows of the new applications. A person whose ID number another request
   * registered a moment ago, or who meanwhile has an application in progress, is answered as
   * having one (the unique indexes settle the race, the transaction goes on).
   */
  private async storeApplications(trx: Transaction<MembershipDatabase>, planned: NewApplication[], outcomes: ItemOutcome[], now: Date, proven: boolean): Promise<NewApplication[]> {
    const created = await this.vault.register(trx, planned.filter((p) => p.isNewPerson).map((p) => ({ personId: p.personId, data: p.item.person })));
    const stored = planned.filter((p) => !p.isNewPerson || created.has(p.personId));
    const registered = await registerApplications(
      trx,
      stored.map((p) => ({ applicationId: p.event.data.applicationId, applicationNumber: p.event.data.applicationNumber, personId: p.personId, unionId: p.unionId, mobileHmac: p.item.mobileHmac })),
      now,
    );
    const written = stored.filter((p) => registered.has(p.event.data.applicationId));
    for (const p of planned) if (!registered.has(p.event.data.applicationId)) outcomes.push({ index: p.item.index, status: proven ? 'existing_application' : 'on_record' });
    // A returning person (left, or rejected before) may have a new mobile or a corrected name.
    for (const p of written) if (!p.isNewPerson) await this.vault.replace(trx, p.personId, p.item.person);
    await recordSmsConsents(trx, written.map((p) => ({ personId: p.personId, mobileHmac: p.item.mobileHmac, given: p.item.smsConsent })), now);
    return written;
  }
}

const metaOf = (options: SubmitOptions): AppendMeta => ({ actor: options.actor, ...(options.batchId ? { correlationId: options.batchId } : {}) });

const suggested = (r: Routed) => (r.suggestedBy ? { suggestedBy: r.suggestedBy } : {});
