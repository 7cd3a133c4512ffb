import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Transaction, sql } from 'kysely';
import { STATIONS_AGGREGATES, STATIONS_CONTEXT, VisitsRecorded } from '@ws/contracts';
import { BatchingAppender, chunkBySize, EventStore } from '@ws/eventstore';
import { CLOCK, DomainError } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { stationAggregate } from '../../aggregates';
import type { StationsDatabase } from '../../db/database';
import { stationsError } from '../../errors';
import { StationIngestLimits } from '../ingest-limits';
import { checkSingleVisit, checkVisitBatch } from '../visit-validation';
import type { RecordCheckinsDto } from './record-checkins.dto';

interface VisitInput {
  key: string;
  at: string;
  occupation: VisitsRecorded['data']['visits'][number]['occupation'];
  memberCard?: string;
}

interface CheckinRequest {
  stationId: string;
  visits: VisitInput[];
}

type CheckinOutcome =
  | { status: 'unknown_station' }
  | { status: 'recorded'; accepted: string[]; duplicates: string[] };

/**
 * Check-ins arrive thousands a second: requests are gathered for a few milliseconds and written
 * as one transaction (idempotency keys, VisitsRecorded events per station — one, or as many as
 * the event size limit needs — and their outbox rows).
 * A key seen before, in this batch or any earlier one, is counted once and answered as a duplicate.
 */
@Injectable()
export class RecordCheckinsHandler implements OnApplicationShutdown {
  private readonly appender: BatchingAppender<CheckinRequest, CheckinOutcome>;
  private readonly registered = new RegisteredStations();

  constructor(
    @Inject(EventStore) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly limits: StationIngestLimits,
  ) {
    this.appender = new BatchingAppender<CheckinRequest, CheckinOutcome>(store, {
      maxBatch: 2000,
      maxWaitMs: 5,
      // Overlapping commits: a key claimed by two batches at once waits on the unique index, and
      // the second finds it taken, so concurrency changes throughput, never the count.
      concurrency: 4,
      process: (trx, requests) => this.process(trx as Transaction<StationsDatabase>, requests),
    });
  }

  /** One visit: checked field by field (unknown fields too), within the station's intake, answered accepted or duplicate. */
  async single(stationId: string, body: Record<string, unknown>) {
    const visit = checkSingleVisit(body, this.clock.now());
    if (visit instanceof DomainError) throw visit;
    this.limits.single(stationId);
    const outcome = await this.record({ stationId, visits: [visit] });
    return { key: visit.key, status: outcome.accepted.length === 1 ? 'accepted' : 'duplicate' };
  }

  /** A terminal's offline upload: each visit answered accepted, duplicate or rejected (with why). */
  async batch(stationId: string, dto: RecordCheckinsDto) {
    const checked = checkVisitBatch(dto.visits, this.clock.now());
    if (checked instanceof DomainError) throw checked;
    this.limits.batch(stationId, checked.accepted.length);
    const outcome = await this.record({ stationId, visits: checked.accepted });
    const accepted = new Set(outcome.accepted);
    const items = checked.verdicts.map((verdict) =>
      verdict.status === 'accepted'
        ? { index: verdict.index, key: verdict.visit.key, status: accepted.has(verdict.visit.key) ? 'accepted' : 'duplicate' }
        : { index: verdict.index, key: verdict.key, status: 'rejected', code: verdict.reason, field: verdict.field, message: verdict.message },
    );
    return {
      accepted: outcome.accepted.length,
      duplicates: outcome.duplicates.length,
      rejected: checked.rejected.length,
      items,
    };
  }

  private async record(request: CheckinRequest) {
    const outcome = await this.appender.submit(request);
    if (outcome.status === 'unknown_station') throw stationsError('station_not_found', `驿站 ${request.stationId} 不存在`, 'id');
    return outcome;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.appender.close();
  }

  private async process(trx: Transaction<StationsDatabase>, requests: CheckinRequest[]) {
    const known = await this.registered.of(trx, requests.map((r) => r.stationId));
    const candidates = requests.flatMap((r) => (known.has(r.stationId) ? r.visits.map((v) => ({ stationId: r.stationId, key: v.key })) : []));
    const fresh = await claimKeys(trx, candidates);

    const visitsByStation = new Map<string, VisitInput[]>();
    const results: CheckinOutcome[] = requests.map((request) => {
      if (!known.has(request.stationId)) return { status: 'unknown_station' };
      const accepted: string[] = [];
      const duplicates: string[] = [];
      for (const visit of request.visits) {
        if (fresh.delete(`${request.stationId}|${visit.key}`)) {
          accepted.push(visit.key);
          const list = visitsByStation.get(request.stationId) ?? [];
          list.push(visit);
          visitsByStation.set(request.stationId, list);
        } else {
          duplicates.push(visit.key);
        }
      }
      return { status: 'recorded', accepted, duplicates };
    });

    // Ten kiosks uploading 1 000 visits each to one station at once would make one event of
    // over a megabyte, more than the bus carries: a station's visits go in as many events as fit.
    const appends = [...visitsByStation].flatMap(([stationId, visits]) =>
      chunkBySize(visits).map((chunk) => ({
        target: { context: STATIONS_CONTEXT, aggregate: STATIONS_AGGREGATES.checkins, aggregateId: stationId },
        event: { type: 'VisitsRecorded' as const, data: { stationId, visits: chunk } },
        meta: { actor: 'public' },
      })),
    );
    return { results, appends };
  }
}

/**
 * Stations whose stream starts with a registration (the write side's own record, not a read
 * model). A registration is never undone — the event log is append-only — so a station once
 * found stays known and later batches skip the query; a station not found is asked again.
 */
class RegisteredStations {
  private static readonly MAX_REMEMBERED = 500_000;
  private readonly known = new Set<string>();

  /** Which of `stationIds` are registered. */
  async of(trx: Transaction<StationsDatabase>, stationIds: string[]): Promise<Set<string>> {
    const found = new Set(stationIds.filter((id) => this.known.has(id)));
    const unknown = [...new Set(stationIds.filter((id) => !found.has(id)))];
    if (unknown.length === 0) return found;
    const idOfStream = new Map(unknown.map((id) => [stationAggregate.streamId(id), id]));
    const { rows } = await sql<{ stream_id: string }>`
      select stream_id from events
      where stream_id = any(${[...idOfStream.keys()]}::text[]) and stream_version = 1`.execute(trx);
    if (this.known.size + rows.length > RegisteredStations.MAX_REMEMBERED) this.known.clear();
    for (const row of rows) {
      const id = idOfStream.get(row.stream_id)!;
      found.add(id);
      this.known.add(id);
    }
    return found;
  }
}

/** Inserts the keys; returns `station|key` of those not seen before (a repeat inside the batch counts once). */
async function claimKeys(trx: Transaction<StationsDatabase>, visits: Array<{ stationId: string; key: string }>): Promise<Set<string>> {
  if (visits.length === 0) return new Set();
  const { rows } = await sql<{ station_id: string; key: string }>`
    insert into checkin_keys (key, station_id)
    select * from unnest(${visits.map((v) => v.key)}::text[], ${visits.map((v) => v.stationId)}::uuid[])
    on conflict (station_id, key) do nothing
    returning station_id, key`.execute(trx);
  return new Set(rows.map((r) => `${r.station_id}|${r.key}`));
}
