import type { DirectiveGoal, StandardCode } from '@ws/contracts';
import { childOf, expectedChildren, nodeName } from '../../directive/addressees';
import { addFigures, childMeasure, measure, NO_STATIONS, statusOf, type Coverage, type DirectiveStatus, type ShareRule, type StationFigures } from './directive-progress';

export interface DirectiveFacts {
  id: string;
  issuerNode: string;
  title: string;
  goal: DirectiveGoal;
  children: string[] | null;
  deadline: string;
  withdrawn: boolean;
  withdrawnReason: string | null;
  issuedAt: Date;
}

export interface Receipt {
  nodeCode: string;
  receivedAt: Date | null;
  acknowledgedAt: Date | null;
}

export interface ChildProgress {
  code: string;
  name: string;
  received: boolean;
  acknowledged: boolean;
  acknowledgedAt: string | null;
  current: number;
  target?: number;
  /** A programme target's share of new-form workers among the people served at this child. */
  rule?: ShareRule;
  /** A coverage target's workers placed at this child and those within reach. */
  coverage?: Coverage;
  /** The standard in force at the child as the issuer last heard (adopt_standard only). */
  standard?: string | null;
  stations: number;
}

export interface DirectiveView {
  id: string;
  kind: DirectiveGoal['kind'];
  title: string;
  issuerNode: string;
  issuerName: string;
  scope: 'subtree' | 'children';
  /** The direct children it is addressed to (named, or every child of the subtree). */
  addressedTo: string[];
  issuedAt: string;
  deadline: string;
  goal: DirectiveGoal;
  target: number;
  current: number;
  progress: number;
  /** A programme target's share rule over the addressed subtree. */
  rule?: ShareRule;
  /** A coverage target's workers over the addressed subtree and those within reach. */
  coverage?: Coverage;
  status: DirectiveStatus;
  withdrawnReason: string | null;
  /** Open stations in the addressed part of the subtree, and how many meet the goal's standard (null: it names none). */
  stations: { total: number; compliant: number | null };
  acknowledgements: { expected: number; received: number; acknowledged: number };
  children: ChildProgress[];
  /** The services whose figures a goal needs and that did not answer (a members target without membership): its figures are not complete. */
  unavailable?: Array<'membership'>;
}

/** The standard a goal measures stations against, if any. */
export function standardOf(goal: DirectiveGoal): StandardCode | null {
  return 'standard' in goal ? goal.standard : null;
}

/**
 * A directive as its issuer sees it: its figure against the goal over the addressed part of the
 * subtree, and per direct child what it contributes and whether it received and acknowledged.
 * `figures` are keyed by the direct child a station belongs to ('_' for the issuer's own).
 */
export function directiveView(
  facts: DirectiveFacts,
  figures: ReadonlyMap<string, StationFigures>,
  receipts: readonly Receipt[],
  standards: ReadonlyMap<string, string>,
  today: string,
): DirectiveView {
  const children = expectedChildren(facts.issuerNode, facts.children, [...receipts.map((r) => r.nodeCode), ...figures.keys()]);
  const total = [...figures.values()].reduce(addFigures, NO_STATIONS);
  const figure = measure(facts.goal, total);
  const receiptOf = new Map(receipts.filter((r) => childOf(facts.issuerNode, r.nodeCode) === r.nodeCode).map((r) => [r.nodeCode, r]));
  const perChild = children.map((code): ChildProgress => {
    const own = figures.get(code) ?? NO_STATIONS;
    const receipt = receiptOf.get(code);
    return {
      code,
      name: nodeName(code),
      received: Boolean(receipt?.receivedAt),
      acknowledged: Boolean(receipt?.acknowledgedAt),
      acknowledgedAt: receipt?.acknowledgedAt?.toISOString() ?? null,
      ...childMeasure(facts.goal, own),
      ...(facts.goal.kind === 'adopt_standard' ? { standard: standards.get(code) ?? null } : {}),
      stations: own.total,
    };
  });
  return {
    id: facts.id,
    kind: facts.goal.kind,
    title: facts.title,
    issuerNode: facts.issuerNode,
    issuerName: nodeName(facts.issuerNode),
    scope: facts.children === null ? 'subtree' : 'children',
    addressedTo: children,
    issuedAt: facts.issuedAt.toISOString(),
    deadline: facts.deadline,
    goal: facts.goal,
    ...figure,
    status: statusOf(facts.withdrawn, figure.progress, facts.deadline, today),
    withdrawnReason: facts.withdrawnReason,
    stations: { total: total.total, compliant: standardOf(facts.goal) === null ? null : total.compliant },
    acknowledgements: {
      expected: children.length,
      received: perChild.filter((c) => c.received).length,
      acknowledged: perChild.filter((c) => c.acknowledged).length,
    },
    children: perChild,
  };
}
