// Readers of the node's other services and of its directives: membership, wishes and dispatch
// each answer GET /stats with { figures: [{ key, label, value }], by<Dimension>: [{ key, label,
// value }], … }; the stations service answers GET /directives. null = 暂无数据 for that section.
import { first, getJson, isObject, listOf, num } from './api-base.js';
import { PATHS } from './api-client.js';

function rowsOf(list) {
  return list
    .filter(isObject)
    .map((row) => ({ key: String(first(row.key, row.code, row.label, '')), label: String(first(row.label, row.name, row.key, '')), value: num(row.value ?? row.count) }))
    .filter((row) => row.value !== undefined);
}

/**
 * A service's figures and breakdowns: { figures: Map(key → { key, label, value }), breakdowns:
 * { byStatus: [{ key, label, value }], … } }. A body of named numbers ({ open: 3 }) is read as figures too.
 */
export async function fetchStats(service) {
  const body = await getJson(PATHS.stats[service]);
  if (!isObject(body)) return null;
  const listed = listOf(body, 'figures');
  const figures = listed ? rowsOf(listed) : Object.entries(body).filter(([, v]) => num(v) !== undefined).map(([key, v]) => ({ key, label: key, value: num(v) }));
  if (figures.length === 0) return null;
  const breakdowns = {};
  for (const [name, value] of Object.entries(body)) {
    if (name !== 'figures' && Array.isArray(value)) breakdowns[name] = rowsOf(value);
  }
  return { figures: new Map(figures.map((f) => [f.key, f])), breakdowns };
}

function progressOf(row, target, current) {
  const progress = first(num(row.progress), target ? (current ?? 0) / target : undefined, 0);
  return Math.min(1, Math.max(0, progress));
}

/**
 * GET stations/directives → { items: [{ id, kind, title, issuerNode, addressedTo, issuedAt, deadline,
 * target, current, progress (0..1), status, acknowledgements: { expected, acknowledged },
 * children: [{ code, name, acknowledged, current, target? }] }], next }: the newest page (50) is
 * what the big screen shows.
 */
export async function fetchDirectives() {
  const rows = listOf(await getJson(PATHS.directives), 'items', 'directives');
  if (!rows) return null;
  return rows.filter(isObject).map((row) => {
    const target = num(row.target);
    const current = num(row.current);
    const acks = isObject(row.acknowledgements) ? row.acknowledgements : {};
    return {
      id: String(first(row.id, '')),
      kind: String(first(row.kind, '')),
      title: String(first(row.title, '指令')),
      issuerNode: first(row.issuerNode, null),
      deadline: first(row.deadline, null),
      issuedAt: first(row.issuedAt, null),
      status: String(first(row.status, 'open')),
      target: target ?? null,
      current: current ?? null,
      progress: progressOf(row, target, current),
      acknowledged: num(acks.acknowledged) ?? null,
      expected: num(acks.expected) ?? null,
      children: (Array.isArray(row.children) ? row.children : []).filter(isObject).map((child) => ({
        code: String(first(child.code, '')),
        name: String(first(child.name, child.code, '')),
        acknowledged: Boolean(child.acknowledged),
        current: num(child.current) ?? null,
        target: num(child.target) ?? null,
      })),
    };
  });
}

/**
 * GET stations/directives/received → { items: [{ id, title, issuerNode, issuerName, deadline, status,
 * acknowledged, acknowledgedAt }] }: what this node's ancestors told it to do, and whether it signed.
 */
export async function fetchReceivedDirectives() {
  const rows = listOf(await getJson(PATHS.receivedDirectives), 'items');
  if (!rows) return null;
  return rows.filter(isObject).map((row) => ({
    id: String(first(row.id, '')),
    title: String(first(row.title, '指令')),
    issuerName: String(first(row.issuerName, row.issuerNode, '')),
    deadline: first(row.deadline, null),
    status: String(first(row.status, 'open')),
    acknowledged: Boolean(row.acknowledged),
  }));
}

/**
 * The year's work so far: GET stations/activities/figures, welfare/figures and programmes/figures
 * for from..to → { activities: { held, participants } | null, welfare: { peopleReached } | null,
 * programmes: { healthChecks: { people, newFormSharePercent }, childcare: { people } } | null }.
 */
export async function fetchWorkFigures(from, to) {
  const [activities, welfare, programmes] = await Promise.all([
    getJson(PATHS.activityFigures, { from, to }),
    getJson(PATHS.welfareFigures, { from, to }),
    getJson(PATHS.programmeFigures, { from, to }),
  ]);
  const held = num(activities?.held);
  const participants = num(activities?.participants);
  const reached = num(welfare?.peopleReached);
  const health = isObject(programmes?.healthChecks) ? programmes.healthChecks : null;
  const checks = num(health?.people);
  const share = num(health?.newFormSharePercent);
  const childcare = num(programmes?.childcare?.people);
  return {
    activities: held !== undefined && participants !== undefined ? { held, participants } : null,
    welfare: reached !== undefined ? { peopleReached: reached } : null,
    programmes: checks !== undefined && share !== undefined && childcare !== undefined ? { healthChecks: { people: checks, newFormSharePercent: share }, childcare: { people: childcare } } : null,
  };
}

/** [{ key, label, <count> }] rows of a figures answer as [{ key, label, value }], the label the service's. */
function labelledRows(list, count) {
  return (Array.isArray(list) ? list : [])
    .filter((row) => isObject(row) && num(row[count]) !== undefined)
    .map((row) => ({ key: String(first(row.key, '')), label: String(first(row.label, row.key, '')), value: num(row[count]) }));
}

/**
 * Funds and legal aid for from..to: GET stations/funds/figures → { spentFen, byCategory: [{ key, label,
 * spentFen }], budgets: { amountFen, spentFen, balanceFen } } and GET stations/legal-aid/figures →
 * { cases, settled, referred, recoveredFen, byKind: [{ key, label, cases }] }, read as
 * { funds: { budgetFen, balanceFen, spentFen, byCategory } | null, legalAid: { cases, settled,
 * recoveredFen, byKind } | null } (rows as { key, label, value }; amounts in fen).
 */
export async function fetchFundsAndLegalAid(from, to) {
  const [funds, legal] = await Promise.all([getJson(PATHS.fundFigures, { from, to }), getJson(PATHS.legalAidFigures, { from, to })]);
  const budgetFen = num(funds?.budgets?.amountFen);
  const balanceFen = num(funds?.budgets?.balanceFen);
  const spentFen = num(funds?.spentFen);
  const cases = num(legal?.cases);
  const settled = num(legal?.settled);
  const recoveredFen = num(legal?.recoveredFen);
  return {
    funds: budgetFen !== undefined && balanceFen !== undefined && spentFen !== undefined ? { budgetFen, balanceFen, spentFen, byCategory: labelledRows(funds.byCategory, 'spentFen') } : null,
    legalAid: cases !== undefined && settled !== undefined && recoveredFen !== undefined ? { cases, settled, recoveredFen, byKind: labelledRows(legal.byKind, 'cases') } : null,
  };
}
