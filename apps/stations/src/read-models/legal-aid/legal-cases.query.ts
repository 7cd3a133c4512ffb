import { Kysely, sql } from 'kysely';
import { LEGAL_CASE_KIND_LABELS, LEGAL_CASE_KINDS, LEGAL_CASE_STATE_LABELS, type LegalCaseKind, type LegalCaseState } from '@ws/contracts';
import { isUuid, type ListScope } from '@ws/kernel';
import { decodeCursor, exactTimeText, page } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';

export interface LegalCaseView {
  caseId: string;
  districtCode: string;
  kind: LegalCaseKind;
  kindLabel: string;
  stationId: string | null;
  streetCode: string;
  occupation: string;
  state: LegalCaseState;
  stateLabel: string;
  receivedOn: string;
  settledOn: string | null;
  referredTo: string | null;
  closedOn: string | null;
  outcome: string | null;
  recoveredFen: number;
  /** When the worker's details were erased (ISO time), by whom (the event's actor) and why; null while they are kept. */
  workerErasedAt: string | null;
  workerErasedBy: string | null;
  workerErasureReason: string | null;
}

/** Cases of the subtree (optionally in one state), newest first, keyset paged on (received_on, case_id); narrowed to the reader's scope (listScope): a street officer's street, a station manager's station. */
export async function legalCasePage(
  db: Kysely<StationsDatabase>,
  scope: ListScope,
  state: LegalCaseState | undefined,
  after: string | undefined,
  limit: number,
) {
  if (scope === 'nothing') return { items: [], next: null };
  const cursor = decodeCursor(after, isUuid, (at) => /^\d{4}-\d{2}-\d{2}$/.test(at));
  const { rows } = await sql<Omit<LegalCaseView, 'kindLabel' | 'stateLabel' | 'recoveredFen'> & { recoveredFen: string }>`
    select case_id as "caseId", district_code as "districtCode", kind, station_id as "stationId", street_code as "streetCode", occupation, state,
           to_char(received_on, 'YYYY-MM-DD') as "receivedOn", to_char(settled_on, 'YYYY-MM-DD') as "settledOn", referred_to as "referredTo",
           to_char(closed_on, 'YYYY-MM-DD') as "closedOn", outcome, recovered_fen as "recoveredFen",
           ${exactTimeText('worker_erased_at')} as "workerErasedAt", worker_erased_by as "workerErasedBy", worker_erasure_reason as "workerErasureReason"
    from legal_cases
    where true ${state ? sql`and state = ${state}` : sql``}
      ${scope.street !== undefined ? sql`and street_code = ${scope.street}` : sql``}
      ${scope.station !== undefined ? sql`and station_id = ${scope.station}::uuid` : sql``}
      ${cursor ? sql`and (received_on, case_id) < (${cursor.at}::date, ${cursor.id}::uuid)` : sql``}
    order by received_on desc, case_id desc limit ${limit + 1}`.execute(db);
  const { items, next } = page(rows, limit, (row) => ({ at: row.receivedOn, id: row.caseId }));
  return {
    items: items.map((r) => ({
      ...r, kindLabel: LEGAL_CASE_KIND_LABELS[r.kind] ?? r.kind, stateLabel: LEGAL_CASE_STATE_LABELS[r.state] ?? r.state, recoveredFen: Number(r.recoveredFen),
    })),
    next,
  };
}

/** Legal aid in a period over the subtree: cases received, cases settled, and what was recovered by the settlements (fen). */
export async function legalAidFigures(db: Kysely<StationsDatabase>, from: string, to: string) {
  const { rows } = await sql<{ cases: number; settled: number; recovered: string; referred: number }>`
    select count(*) filter (where received_on between ${from}::date and ${to}::date)::int as cases,
           count(*) filter (where settled_on between ${from}::date and ${to}::date)::int as settled,
           coalesce(sum(recovered_fen) filter (where settled_on between ${from}::date and ${to}::date), 0) as recovered,
           count(*) filter (where referred_to is not null and received_on between ${from}::date and ${to}::date)::int as referred
    from legal_cases`.execute(db);
  const r = rows[0]!;
  return { cases: r.cases, settled: r.settled, referred: r.referred, recoveredFen: Number(r.recovered) };
}

/** The cases received in a period over the subtree by kind, every kind named (0 where none): the dashboards' chart. */
export async function legalCasesByKind(db: Kysely<StationsDatabase>, from: string, to: string) {
  const { rows } = await sql<{ kind: LegalCaseKind; cases: number }>`
    select kind, count(*)::int as cases from legal_cases where received_on between ${from}::date and ${to}::date group by kind`.execute(db);
  return LEGAL_CASE_KINDS.map((key) => ({ key, label: LEGAL_CASE_KIND_LABELS[key], cases: rows.find((r) => r.kind === key)?.cases ?? 0 }));
}
