import { Kysely, sql, type Selectable } from 'kysely';
import type { DirectiveGoal, NodeRef } from '@ws/contracts';
import { STANDARDS } from '../../catalogue/standards';
import type { DirectivesTable, StationsDatabase } from '../../db/database';
import { compliantSql } from '../directory/directory.query';
import type { StationFigures } from './directive-progress';
import { nodeName } from '../../directive/addressees';
import { directiveView, standardOf, type DirectiveFacts, type DirectiveView } from './directive-view';

type DirectiveRow = Selectable<DirectivesTable>;

function factsOf(row: DirectiveRow): DirectiveFacts {
  return {
    id: row.directive_id,
    issuerNode: row.issuer_node,
    title: row.title,
    goal: row.goal as DirectiveGoal,
    children: row.children,
    deadline: row.deadline,
    withdrawn: row.status === 'withdrawn',
    withdrawnReason: row.withdrawn_reason,
    issuedAt: row.issued_at,
  };
}

/**
 * The directory's stations in the directive's scope, counted per direct child of the issuer. A
 * station belongs to the child whose code its district starts with; the issuer's own stations
 * (district token `_`) count for a whole-subtree directive under '_'. Only the figures the goal
 * needs are computed; the others are 0.
 */
export async function stationFigures(db: Kysely<StationsDatabase>, facts: DirectiveFacts): Promise<Map<string, StationFigures>> {
  const { goal } = facts;
  const standard = standardOf(goal);
  const compliant = standard === null ? sql<boolean>`true` : compliantSql(STANDARDS[standard]);
  const upgraded =
    goal.kind === 'upgrade_target'
      ? sql<boolean>`exists (select 1 from station_history h where h.station_id = s.id and h.type = 'UpgradeCompleted'
          and h.occurred_at >= ${facts.issuedAt} and (${standard}::text is null or h.data->>'standard' = ${standard}))`
      : sql<boolean>`false`;
  const reviewed =
    goal.kind === 'review_campaign'
      ? sql<boolean>`exists (select 1 from station_history h where h.station_id = s.id and h.type = 'StationReviewed' and h.data->>'year' = ${String(goal.year)})`
      : sql<boolean>`false`;
  const scope = facts.children === null ? sql<boolean>`true` : sql<boolean>`s.district_code like any(${facts.children.map((c) => `${c}%`)}::text[])`;
  const { rows } = await sql<{ child: string; total: string; compliant: string; upgraded: string; reviewed: string }>`
    select substr(s.district_code, 1, ${facts.issuerNode.length + 2}) as child,
      count(*) filter (where s.status <> 'closed') as total,
      count(*) filter (where s.status <> 'closed' and ${compliant}) as compliant,
      count(*) filter (where ${upgraded}) as upgraded,
      count(*) filter (where s.status <> 'closed' and ${reviewed}) as reviewed
    from station_directory s
    where ${scope}
    group by 1`.execute(db);
  return new Map(
    rows.map((r) => [r.child, { total: Number(r.total), compliant: Number(r.compliant), upgraded: Number(r.upgraded), reviewed: Number(r.reviewed) }]),
  );
}

async function viewOf(db: Kysely<StationsDatabase>, row: DirectiveRow, today: string): Promise<DirectiveView> {
  const facts = factsOf(row);
  const [figures, receipts, standards] = await Promise.all([
    stationFigures(db, facts),
    db.selectFrom('directive_receipts').select(['node_code', 'received_at', 'acknowledged_at']).where('directive_id', '=', facts.id).execute(),
    db.selectFrom('adopted_standards').select(['node_code', 'standard']).where('node_code', 'like', `${facts.issuerNode}%`).execute(),
  ]);
  return directiveView(
    facts,
    figures,
    receipts.map((r) => ({ nodeCode: r.node_code, receivedAt: r.received_at, acknowledgedAt: r.acknowledged_at })),
    new Map(standards.map((s) => [s.node_code, s.standard])),
    today,
  );
}

/** The directives this node issued, newest first, each with its progress. */
export async function issuedDirectives(db: Kysely<StationsDatabase>, node: NodeRef, today: string): Promise<DirectiveView[]> {
  const rows = await db.selectFrom('directives').selectAll().where('issuer_node', '=', node.code).orderBy('issued_at', 'desc').orderBy('directive_id').execute();
  return Promise.all(rows.map((row) => viewOf(db, row, today)));
}

/** One directive this node issued, with its history: the issuer's events and each node's receipt and acknowledgement. */
export async function issuedDirective(db: Kysely<StationsDatabase>, node: NodeRef, id: string, today: string) {
  const row = await db.selectFrom('directives').selectAll().where('directive_id', '=', id).where('issuer_node', '=', node.code).executeTakeFirst();
  if (!row) return undefined;
  const [view, events, receipts] = await Promise.all([
    viewOf(db, row, today),
    db.selectFrom('directive_history').select(['type', 'occurred_at', 'data']).where('directive_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('directive_receipts').select(['node_code', 'received_at', 'acknowledged_at']).where('directive_id', '=', id).execute(),
  ]);
  const history = [
    ...events.map((e) => ({ type: e.type, at: e.occurred_at, nodeCode: node.code, data: e.data })),
    ...receipts.flatMap((r) => [
      ...(r.received_at ? [{ type: 'DirectiveReceived', at: r.received_at, nodeCode: r.node_code, data: null }] : []),
      ...(r.acknowledged_at ? [{ type: 'DirectiveAcknowledged', at: r.acknowledged_at, nodeCode: r.node_code, data: null }] : []),
    ]),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((h) => ({ ...h, at: h.at.toISOString() }));
  return { ...view, history };
}

/** Directives of this node's ancestors addressed to it, newest first, with whether it acknowledged them. */
export async function receivedDirectives(db: Kysely<StationsDatabase>, node: NodeRef, today: string) {
  const rows = await db
    .selectFrom('received_directives as r')
    .leftJoin('directive_receipts as d', (join) => join.onRef('d.directive_id', '=', 'r.directive_id').on('d.node_code', '=', node.code))
    .select(['r.directive_id', 'r.issuer_node', 'r.title', 'r.kind', 'r.goal', 'r.deadline', 'r.status', 'r.withdrawn_reason', 'r.issued_at', 'r.received_at', 'd.acknowledged_at'])
    .orderBy('r.issued_at', 'desc')
    .orderBy('r.directive_id')
    .execute();
  return rows.map((r) => ({
    id: r.directive_id,
    kind: r.kind,
    title: r.title,
    issuerNode: r.issuer_node,
    issuerName: nodeName(r.issuer_node),
    goal: r.goal,
    deadline: r.deadline,
    status: r.status === 'withdrawn' ? 'withdrawn' : today > r.deadline ? 'overdue' : 'open',
    withdrawnReason: r.withdrawn_reason,
    issuedAt: r.issued_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
    acknowledged: r.acknowledged_at !== null,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
  }));
}
