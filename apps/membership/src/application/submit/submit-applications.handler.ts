import { Inject, Injectable } from '@nestjs/common';
import { sql, Transaction } from 'kysely';
import { ApplicationChannel, ApplicationSubmitted, MEMBERSHIP_AGGREGATES } from '@ws/contracts';
import { DomainError, newId } from '@ws/kernel';
import type { MembershipDatabase } from '../../db/database';
import { currentMemberships } from '../../memberships/membership-registry';
import { PersonalDataVault } from '../../personal-data/personal-data.vault';
import { Aggregates, target } from '../../shared/aggregates';
import { registeredUnions, suggestUnion } from '../../union/union-registry';
import { applicationDecider } from '../application.decider';
import { newApplicationNumber } from './application-number';
import { ItemError, parseApplication, ValidApplication } from './parse-application';
import type { ItemOutcomeDto } from './submit-application.dto';

export type ItemOutcome = ItemOutcomeDto;

export interface SubmitOptions {
  channel: ApplicationChannel;
  actor: string;
  /** Correlates the events of one fair's upload. */
  batchId?: string;
}

interface Candidate extends ValidApplication {
  idHmac: string;
  mobileHmac: string;
}

interface Planned {
  item: Candidate;
  personId: string;
  isNewPerson: boolean;
  applicationId: string;
  applicationNumber: string;
  unionId: string;
  event: ApplicationSubmitted;
}

const rejected = (index: number, error: ItemError): ItemOutcome => ({ index, status: 'rejected', error });

/**
 * Join applications, one or a fair's worth (up to 500) at a time. Every item is answered on its
 * own: accepted, refused with the reason, or answered with the membership or application the
 * person (by ID number) already has. Bad items are dropped before the transaction, so one bad
 * item never costs the others; the good ones are written together in one transaction.
 */
@Injectable()
export class SubmitApplicationsHandler {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  async submit(rawItems: unknown[], options: SubmitOptions): Promise<ItemOutcome[]> {
    const today = this.aggregates.now();
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
      candidates.push({ ...parsed.application, idHmac, mobileHmac: this.vault.mobileHmac(parsed.application.person.mobile) });
    });
    if (candidates.length > 0) {
      outcomes.push(...(await this.aggregates.transaction((trx) => this.submitValid(trx, candidates, options))));
    }
    return outcomes.sort((a, b) => a.index - b.index);
  }

  private async submitValid(trx: Transaction<MembershipDatabase>, items: Candidate[], options: SubmitOptions): Promise<ItemOutcome[]> {
    const outcomes: ItemOutcome[] = [];
    const withUnion = await this.resolveUnions(trx, items, outcomes);
    const unions = await registeredUnions(trx, withUnion.map((w) => w.unionId));
    const known = await knownPersons(trx, withUnion.map((w) => w.item.idHmac));
    const knownIds = [...known.values()].map((p) => p.personId);
    const memberships = await currentMemberships(trx, knownIds);
    const pending = await pendingApplications(trx, knownIds);

    const now = this.aggregates.now();
    const planned: Planned[] = [];
    for (const { item, unionId } of withUnion) {
      const union = unions.get(unionId);
      if (!union) {
        outcomes.push(rejected(item.index, { code: 'union_not_found', field: 'unionId', message: '所选工会不存在' }));
        continue;
      }
      const person = known.get(item.idHmac);
      const sameMobile = person?.mobileHmac === item.mobileHmac;
      const membership = person && memberships.get(person.personId);
      if (membership) {
        // Details only to someone who also knows the mobile on record: an ID number alone is not proof.
        outcomes.push({
          index: item.index,
          status: 'existing_membership',
          ...(sameMobile ? { membershipId: membership.membershipId, cardNumber: membership.cardNumber, unionId: membership.unionId } : {}),
        });
        continue;
      }
      const application = person && pending.get(person.personId);
      if (application) {
        outcomes.push({
          index: item.index,
          status: 'existing_application',
          ...(sameMobile ? { applicationId: application.applicationId, applicationNumber: application.applicationNumber, unionId: application.unionId } : {}),
        });
        continue;
      }
      const personId = person?.personId ?? newId();
      const applicationId = newId();
      const applicationNumber = newApplicationNumber(now);
      const decided = applicationDecider.decide(
        {
          type: 'SubmitApplication',
          applicationId,
          applicationNumber,
          personId,
          unionId,
          occupation: item.occupation,
          employer: item.employer,
          streetCode: item.streetCode,
          stationId: item.stationId,
          channel: options.channel,
          unionActive: union.status === 'active',
        },
        applicationDecider.initialState(),
        { now },
      );
      if (decided instanceof DomainError) {
        outcomes.push(rejected(item.index, { code: decided.code, field: decided.field, message: decided.message }));
        continue;
      }
      planned.push({ item, personId, isNewPerson: !person, applicationId, applicationNumber, unionId, event: decided[0] as ApplicationSubmitted });
    }

    const created = await this.vault.register(trx, planned.filter((p) => p.isNewPerson).map((p) => ({ personId: p.personId, data: p.item.person })));
    // A new person whose ID number another request registered a moment ago: that request holds the application.
    const stored = planned.filter((p) => !p.isNewPerson || created.has(p.personId));
    for (const p of planned) if (p.isNewPerson && !created.has(p.personId)) outcomes.push({ index: p.item.index, status: 'existing_application' });

    const registered = await registerApplications(trx, stored, now);
    const meta = { actor: options.actor, ...(options.batchId ? { correlationId: options.batchId } : {}) };
    const written = stored.filter((p) => registered.has(p.applicationId));
    for (const p of stored) if (!registered.has(p.applicationId)) outcomes.push({ index: p.item.index, status: 'existing_application' });
    // A returning person (left, or rejected before) may have a new mobile or a corrected name.
    for (const p of written) if (!p.isNewPerson) await this.vault.replace(trx, p.personId, p.item.person);
    await this.aggregates.appendMany(
      trx,
      written.map((p) => ({ stream: target(MEMBERSHIP_AGGREGATES.application, p.applicationId), loadedVersion: 0, events: [p.event] })),
      meta,
    );
    for (const p of written) {
      outcomes.push({ index: p.item.index, status: 'accepted', applicationId: p.applicationId, applicationNumber: p.applicationNumber, unionId: p.unionId });
    }
    return outcomes;
  }

  /** The union each item names, or the one suggested for its occupation and street. */
  private async resolveUnions(trx: Transaction<MembershipDatabase>, items: Candidate[], outcomes: ItemOutcome[]) {
    const suggestions = new Map<string, string | undefined>();
    const resolved: Array<{ item: Candidate; unionId: string }> = [];
    for (const item of items) {
      let unionId = item.unionId;
      if (unionId === null) {
        const key = `${item.occupation}|${item.streetCode ?? ''}`;
        if (!suggestions.has(key)) suggestions.set(key, await suggestUnion(trx, item.occupation, item.streetCode));
        unionId = suggestions.get(key) ?? null;
      }
      if (unionId === null) outcomes.push(rejected(item.index, { code: 'no_union_suggested', field: 'unionId', message: '没有适合该职业的工会，请选择工会' }));
      else resolved.push({ item, unionId });
    }
    return resolved;
  }
}

async function knownPersons(trx: Transaction<MembershipDatabase>, idHmacs: string[]) {
  if (idHmacs.length === 0) return new Map<string, { personId: string; mobileHmac: string | null }>();
  const rows = await trx.selectFrom('persons').select(['person_id', 'id_number_hmac', 'mobile_hmac']).where('id_number_hmac', 'in', idHmacs).execute();
  return new Map(rows.map((r) => [r.id_number_hmac!, { personId: r.person_id, mobileHmac: r.mobile_hmac }]));
}

async function pendingApplications(trx: Transaction<MembershipDatabase>, personIds: string[]) {
  if (personIds.length === 0) return new Map<string, { applicationId: string; applicationNumber: string; unionId: string }>();
  const rows = await trx
    .selectFrom('application_registry')
    .select(['person_id', 'application_id', 'application_number', 'union_id'])
    .where('person_id', 'in', personIds)
    .where('status', 'in', ['submitted', 'info_requested'])
    .execute();
  return new Map(rows.map((r) => [r.person_id, { applicationId: r.application_id, applicationNumber: r.application_number, unionId: r.union_id }]));
}

/** Returns the application ids written; a person with an application already in progress is skipped. */
async function registerApplications(trx: Transaction<MembershipDatabase>, planned: Planned[], now: Date): Promise<Set<string>> {
  if (planned.length === 0) return new Set();
  const { rows } = await sql<{ application_id: string }>`
    insert into application_registry (application_id, application_number, person_id, union_id, mobile_hmac, status, submitted_at, updated_at)
    select a.application_id, a.application_number, a.person_id, a.union_id, a.mobile_hmac, 'submitted', ${now}, ${now}
    from unnest(${planned.map((p) => p.applicationId)}::uuid[], ${planned.map((p) => p.applicationNumber)}::text[],
                ${planned.map((p) => p.personId)}::uuid[], ${planned.map((p) => p.unionId)}::uuid[],
                ${planned.map((p) => p.item.mobileHmac)}::text[])
      as a(application_id, application_number, person_id, union_id, mobile_hmac)
    on conflict (person_id) where status in ('submitted', 'info_requested') do nothing
    returning application_id`.execute(trx);
  return new Set(rows.map((r) => r.application_id));
}
