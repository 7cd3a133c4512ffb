import { Kysely, sql, type Selectable } from 'kysely';
import { programmeGoalOf, shanghaiToday, type DirectiveGoal, type NodeRef } from '@ws/contracts';
import { isUuid } from '@ws/kernel';
import { decodeCursor, DEFAULT_PAGE_SIZE, page, type PageQueryDto } from '@ws/platform';
import { STANDARDS } from '../../catalogue/standards';
import type { DirectivesTable, StationsDatabase } from '../../db/database';
import type { ChildCoverageRow } from '../coverage/coverage';
import { compliantSql } from '../directory/directory.query';
import { joinMonthPeriods, NO_STATIONS, type StationFigures } from './directive-progress';
import { nodeName } from '../../directive/addressees';
import { directiveView, standardOf, type DirectiveFacts, type DirectiveView, type Receipt } from './directive-view';

type DirectiveRow = Selectable<DirectivesTable>;

/** The figures a goal needs from beyond the stations read models. */
export interface DirectiveSources {
  /**
   * Members who joined from one day to another per direct child of the node, as the node's membership
   * service counts them (ReportSources.membersJoinedByChild), or null when it did not answer.
   */
  membersJoinedByChild(from: string, to: string): Promise<Map<string, number> | null>;
  /**
   * The node's coverage per district as GET /coverage/children computes it (the default 15-minute
   * e-bike circle, stations open now): each worker cell placed in the district of the nearest
   * registered station, '' for the cells no station is near enough to place, '_' for a city's own.
   */
  coverageByDistrict(): Promise<readonly ChildCoverageRow[]>;
}

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

/** Rows of one part of the subtree, keyed by the issuer's direct child (district token `_`: the issuer's own). */
type ChildRows<K extends string> = Array<{ child: string } & Record<K, string>>;

function childOfDistrict(facts: DirectiveFacts) {
  return sql<string>`substr(district_code, 1, ${facts.issuerNode.length + 2})`;
}

function inScope(facts: DirectiveFacts) {
  return facts.children === null ? sql<boolean>`true` : sql<boolean>`district_code like any(${facts.children.map((c) => `${c}%`)}::text[])`;
}

/**
 * The directory's stations in the directive's scope, counted per direct child of the issuer. A
 * station belongs to the child whose code its district starts with; the issuer's own stations
 * (district token `_`) count for a whole-subtree directive under '_'. Only the figures the goal
 * needs are computed; the others are 0.
 */
async function stationCounts(db: Kysely<StationsDatabase>, facts: DirectiveFacts) {
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
  const { rows } = await sql<{ child: string; total: string; compliant: string; upgraded: string; reviewed: string }>`
    select ${childOfDistrict(facts)} as child,
      count(*) filter (where s.status <> 'closed') as total,
      count(*) filter (where s.status <> 'closed' and ${compliant}) as compliant,
      count(*) filter (where ${upgraded}) as upgraded,
      count(*) filter (where s.status <> 'closed' and ${reviewed}) as reviewed
    from station_directory s
    where ${inScope(facts)}
    group by 1`.execute(db);
  return rows;
}

/**
 * What the subtree did from the goal's `since` (else the issue day, Asia/Shanghai) to its deadline, per
 * direct child: activities held and the people they reached, people served by the goal's programme kind. Read only
 * for the goals that count them.
 */
async function workCounts(db: Kysely<StationsDatabase>, facts: DirectiveFacts) {
  const from = ('since' in facts.goal ? facts.goal.since : null) ?? shanghaiToday(facts.issuedAt);
  const activities =
    facts.goal.kind === 'activity_target' || facts.goal.kind === 'reach_target'
      ? (
          await sql<{ child: string; activities: string; participants: string }>`
            select ${childOfDistrict(facts)} as child, count(*) as activities, coalesce(sum(participants), 0) as participants
            from activities
            where status = 'held' and held_on between ${from}::date and ${facts.deadline}::date and ${inScope(facts)}
            group by 1`.execute(db)
        ).rows
      : [];
  const programme = programmeGoalOf(facts.goal);
  const served = programme
    ? (
        await sql<{ child: string; programmePeople: string; programmeNewForm: string }>`
          select ${childOfDistrict(facts)} as child, coalesce(sum(people), 0) as "programmePeople", coalesce(sum(new_form_people), 0) as "programmeNewForm"
          from programme_deliveries
          where kind = ${programme.programme} and delivered_on between ${from}::date and ${facts.deadline}::date and ${inScope(facts)}
          group by 1`.execute(db)
      ).rows
    : [];
  return [...activities, ...served];
}

/**
 * New members of a members target per direct child: joined from the goal's `since` (else the issue
 * day) to the deadline or today, whichever is sooner, in the named children's subtrees (all of the
 * issuer's for a whole-subtree directive). Membership counts by join month and answers a year at a
 * time. `unavailable` when it did not answer: the view says so rather than show a zero.
 */
async function memberCounts(facts: DirectiveFacts, today: string, sources: DirectiveSources): Promise<{ rows: ChildRows<'membersJoined'>; unavailable: boolean }> {
  if (facts.goal.kind !== 'members_target') return { rows: [], unavailable: false };
  const from = facts.goal.since ?? shanghaiToday(facts.issuedAt);
  const to = facts.deadline < today ? facts.deadline : today;
  const answers = await Promise.all(joinMonthPeriods(from, to).map((period) => sources.membersJoinedByChild(period.from, period.to)));
  if (answers.some((answer) => answer === null)) return { rows: [], unavailable: true };
  const named = facts.children;
  const rows = answers.flatMap((answer) =>
    [...answer!].filter(([node]) => named === null || named.some((child) => node.startsWith(child))).map(([child, joined]) => ({ child, membersJoined: String(joined) })),
  );
  return { rows, unavailable: false };
}

/**
 * A coverage target's workers and covered workers per direct child of the issuer: the districts'
 * rows of the node's coverage summed by the child their code starts with; for a whole-subtree
 * directive the issuer's own ('_') and the unplaced workers ('') count in the total too, so it is
 * GET /coverage's share.
 */
async function coverageCounts(facts: DirectiveFacts, sources: DirectiveSources): Promise<ChildRows<'workers' | 'coveredWorkers'>> {
  if (facts.goal.kind !== 'coverage_target') return [];
  const named = facts.children;
  return (await sources.coverageByDistrict())
    .filter((row) => named === null || named.some((child) => row.child.startsWith(child)))
    .map((row) => ({ child: row.child.slice(0, facts.issuerNode.length + 2), workers: String(row.totalWorkers), coveredWorkers: String(row.coveredWorkers) }));
}

/** Every figure the goal needs, per direct child of the issuer; whether a service it needs did not answer. */
async function stationFigures(
  db: Kysely<StationsDatabase>,
  facts: DirectiveFacts,
  today: string,
  sources: DirectiveSources,
): Promise<{ figures: Map<string, StationFigures>; unavailable: boolean }> {
  const [stations, work, members, coverage] = await Promise.all([stationCounts(db, facts), workCounts(db, facts), memberCounts(facts, today, sources), coverageCounts(facts, sources)]);
  const figures = new Map<string, StationFigures>();
  for (const row of [...stations, ...work, ...members.rows, ...coverage] as ChildRows<string>) {
    const sum = figures.get(row.child) ?? { ...NO_STATIONS };
    for (const [key, value] of Object.entries(row)) if (key !== 'child') sum[key as keyof StationFigures] += Number(value);
    figures.set(row.child, sum);
  }
  return { figures, unavailable: members.unavailable };
}

/** Every node's receipt of each of the directives, by directive. */
async function receiptsOf(db: Kysely<StationsDatabase>, ids: string[]): Promise<Map<string, Receipt[]>> {
  const byDirective = new Map<string, Receipt[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byDirective;
  const rows = await db.selectFrom('directive_receipts').select(['directive_id', 'node_code', 'received_at', 'acknowledged_at']).where('directive_id', 'in', ids).execute();
  for (const r of rows) byDirective.get(r.directive_id)!.push({ nodeCode: r.node_code, receivedAt: r.received_at, acknowledgedAt: r.acknowledged_at });
  return byDirective;
}

/** The directives (all issued by `node`) with their progress: the standards of the subtree read once for all. */
async function viewsOf(
  db: Kysely<StationsDatabase>,
  node: NodeRef,
  rows: DirectiveRow[],
  receipts: Map<string, Receipt[]>,
  today: string,
  sources: DirectiveSources,
): Promise<DirectiveView[]> {
  const facts = rows.map(factsOf);
  const [adopted, figures] = await Promise.all([
    db.selectFrom('adopted_standards').select(['node_code', 'standard']).where('node_code', 'like', `${node.code}%`).execute(),
    Promise.all(facts.map((f) => stationFigures(db, f, today, sources))),
  ]);
  const standards = new Map(adopted.map((s) => [s.node_code, s.standard]));
  return facts.map((f, i) => {
    const view = directiveView(f, figures[i]!.figures, receipts.get(f.id) ?? [], standards, today);
    return figures[i]!.unavailable ? { ...view, unavailable: ['membership' as const] } : view;
  });
}

/** A keyset page of the directives this node issued, newest first, each with its progress (computed for that page only). */
export async function issuedDirectives(
  db: Kysely<StationsDatabase>,
  node: NodeRef,
  today: string,
  sources: DirectiveSources,
  query: PageQueryDto = {},
): Promise<{ items: DirectiveView[]; next: string | null }> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = decodeCursor(query.after, isUuid);
  const rows = await db
    .selectFrom('directives')
    .selectAll()
    .where('issuer_node', '=', node.code)
    .$if(after !== null, (qb) => qb.where((eb) => eb.or([eb('issued_at', '<', new Date(after!.at)), eb.and([eb('issued_at', '=', new Date(after!.at)), eb('directive_id', '<', after!.id)])])))
    .orderBy('issued_at', 'desc')
    .orderBy('directive_id', 'desc')
    .limit(limit + 1)
    .execute();
  const result = page(rows, limit, (row) => ({ at: row.issued_at.toISOString(), id: row.directive_id }));
  return { items: await viewsOf(db, node, result.items, await receiptsOf(db, result.items.map((r) => r.directive_id)), today, sources), next: result.next };
}

/** One directive this node issued, with its history: the issuer's events and each node's receipt and acknowledgement. */
export async function issuedDirective(db: Kysely<StationsDatabase>, node: NodeRef, id: string, today: string, sources: DirectiveSources) {
  const row = await db.selectFrom('directives').selectAll().where('directive_id', '=', id).where('issuer_node', '=', node.code).executeTakeFirst();
  if (!row) return undefined;
  const [receipts, events] = await Promise.all([
    receiptsOf(db, [id]),
    db.selectFrom('directive_history').select(['type', 'occurred_at', 'data']).where('directive_id', '=', id).orderBy('seq').execute(),
  ]);
  const [view] = await viewsOf(db, node, [row], receipts, today, sources);
  const history = [
    ...events.map((e) => ({ type: e.type, at: e.occurred_at, nodeCode: node.code, data: e.data })),
    ...receipts.get(id)!.flatMap((r) => [
      ...(r.receivedAt ? [{ type: 'DirectiveReceived', at: r.receivedAt, nodeCode: r.nodeCode, data: null }] : []),
      ...(r.acknowledgedAt ? [{ type: 'DirectiveAcknowledged', at: r.acknowledgedAt, nodeCode: r.nodeCode, data: null }] : []),
    ]),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((h) => ({ ...h, at: h.at.toISOString() }));
  return { ...view!, history };
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
