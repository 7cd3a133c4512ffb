import { Inject, Injectable } from '@nestjs/common';
import { Transaction, type Updateable } from 'kysely';
import { type EventEnvelope, LEGAL_CASE_AGGREGATE, type LegalCaseEvent, parseEventSubject, STATIONS_CONTEXT, subtreeContextFilter } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { PLATFORM_CONFIG, ReadModel, type PlatformConfig } from '@ws/platform';
import type { Projection } from '@ws/projections';
import type { LegalCasesTable, StationsDatabase } from '../../db/database';

/** Legal-aid cases of the node's whole subtree: kind, state, outcome, amount recovered; the worker only by reference, and whether (when, by whom, why) their details were erased. */
@ReadModel()
@Injectable()
export class LegalCasesProjection implements Projection<StationsDatabase> {
  readonly name = 'stations.legal-cases';
  readonly tables = ['legal_cases'];
  readonly filter: string;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.filter = subtreeContextFilter(config.node, STATIONS_CONTEXT, LEGAL_CASE_AGGREGATE);
  }

  async apply(trx: Transaction<StationsDatabase>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { subject, envelope } of events) {
      await applyEvent(trx, { type: envelope.type, data: envelope.data } as LegalCaseEvent, parseEventSubject(subject).district, envelope);
    }
  }
}

async function applyEvent(trx: Transaction<StationsDatabase>, event: LegalCaseEvent, district: string, envelope: EventEnvelope): Promise<void> {
  const update = (set: Updateable<LegalCasesTable>) =>
    trx.updateTable('legal_cases').set(set).where('case_id', '=', event.data.caseId).execute();
  switch (event.type) {
    case 'LegalCaseReceived': {
      const c = event.data;
      await trx.insertInto('legal_cases').values({
        case_id: c.caseId, district_code: district, kind: c.kind, station_id: c.stationId, street_code: c.streetCode, occupation: c.occupation,
        worker_ref: c.workerRef, state: 'received', received_on: c.receivedOn, settled_on: null, referred_to: null, closed_on: null, outcome: null, recovered_fen: 0,
      }).onConflict((oc) => oc.column('case_id').doNothing()).execute();
      return;
    }
    case 'LegalMediationStarted':
      await update({ state: 'mediating' });
      return;
    case 'LegalCaseSettled':
      await update({ state: 'settled', settled_on: event.data.settledOn, recovered_fen: event.data.recoveredFen });
      return;
    case 'LegalCaseReferred':
      await update({ state: 'referred', referred_to: event.data.partner });
      return;
    case 'LegalCaseClosed':
      await update({ state: 'closed', closed_on: event.data.closedOn, outcome: event.data.outcome });
      return;
    case 'LegalWorkerErased':
      await update({ worker_erased_at: new Date(envelope.occurredAt), worker_erased_by: envelope.metadata.actor ?? 'system', worker_erasure_reason: event.data.reason });
      return;
    default:
      assertNever(event, 'legal case event');
  }
}
