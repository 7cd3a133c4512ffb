import type { BudgetState } from './budget.decider';

/** What every write of a budget answers: the new version and events, and its totals in fen after the write. */
export function budgetOutcome(budgetId: string, result: { version: number; events: ReadonlyArray<{ type: string }>; state: BudgetState }) {
  const { amountFen, spentFen } = result.state;
  return { budgetId, version: result.version, events: result.events.map((e) => e.type), amountFen, spentFen, balanceFen: amountFen - spentFen };
}
