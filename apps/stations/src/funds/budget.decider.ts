import { isCalendarDate, isSpendingCategory, shanghaiToday, type BudgetEvent, type BudgetHolder, type SpendingCategory } from '@ws/contracts';
import { assertNever, type Decider, type DecideContext, type DomainError } from '@ws/kernel';
import { stationsError } from '../errors';
import { checkText, NAME_MAX, REASON_MAX, TITLE_MAX } from '../station/station.rules';
import type { VenueStation } from '../station/venue';

/** 100 亿元 in fen: more than any union budget. */
export const BUDGET_FEN_MAX = 1_000_000_000_000;

export interface AllocateBudget {
  type: 'AllocateBudget';
  budgetId: string;
  year: number;
  title: string;
  amountFen: number;
  nodeCode: string;
  stationId: string | null;
  /** The station as its stream stands (null for the node's own budget). */
  station: VenueStation | null;
}

export interface AdjustBudget {
  type: 'AdjustBudget';
  budgetId: string;
  amountFen: number;
  reason: string;
}

export interface RecordSpending {
  type: 'RecordSpending';
  budgetId: string;
  spendingId: string;
  category: SpendingCategory;
  amountFen: number;
  spentOn: string;
  payee: string;
}

export type BudgetCommand = AllocateBudget | AdjustBudget | RecordSpending;

export interface BudgetState {
  holder: (BudgetHolder & { year: number }) | null;
  amountFen: number;
  spentFen: number;
}

const fen = (value: unknown, field: string, min: number) =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= BUDGET_FEN_MAX
    ? null
    : stationsError('invalid_amount', `${field} 应为以分计的整数（${min}–${BUDGET_FEN_MAX} 分），不用小数`, field);

function decideAllocate(command: AllocateBudget, state: BudgetState, now: Date): BudgetEvent[] | DomainError {
  if (state.holder) return stationsError('budget_already_allocated', '该预算已下达', 'budgetId');
  const thisYear = Number(shanghaiToday(now).slice(0, 4));
  const refusal =
    (Number.isInteger(command.year) && command.year >= 2000 && command.year <= thisYear + 1 ? null : stationsError('invalid_budget_year', `年度应为 2000–${thisYear + 1}`, 'year')) ??
    checkText(command.title, 'title', TITLE_MAX) ??
    fen(command.amountFen, 'amountFen', 1);
  if (refusal) return refusal;
  let streetCode: string | null = null;
  if (command.stationId !== null) {
    const station = command.station;
    if (!station || station.status === 'unregistered' || !station.streetCode) return stationsError('station_not_found', `驿站 ${command.stationId} 不存在`, 'stationId');
    if (station.status === 'closed') return stationsError('station_closed', '驿站已关闭，不能下达经费', 'stationId');
    streetCode = station.streetCode;
  }
  const { budgetId, year, amountFen, nodeCode, stationId } = command;
  return [{ type: 'BudgetAllocated', data: { budgetId, year, title: command.title.trim(), amountFen, level: stationId ? 'station' : 'node', nodeCode, stationId, streetCode } }];
}

function decideAdjust(command: AdjustBudget, state: BudgetState): BudgetEvent[] | DomainError {
  if (!state.holder) return stationsError('budget_not_found', `预算 ${command.budgetId} 不存在`, 'budgetId');
  const refusal = fen(command.amountFen, 'amountFen', 0) ?? checkText(command.reason, 'reason', REASON_MAX);
  if (refusal) return refusal;
  if (command.amountFen < state.spentFen) {
    return stationsError('budget_below_spent', `已支出 ${state.spentFen} 分，预算不能调到 ${command.amountFen} 分`, 'amountFen', { spentFen: state.spentFen });
  }
  return [{ type: 'BudgetAdjusted', data: { budgetId: command.budgetId, amountFen: command.amountFen, reason: command.reason.trim() } }];
}

/** Spending within the budget's year, not after today, never past the balance. */
function decideSpend(command: RecordSpending, state: BudgetState, now: Date): BudgetEvent[] | DomainError {
  const holder = state.holder;
  if (!holder) return stationsError('budget_not_found', `预算 ${command.budgetId} 不存在`, 'budgetId');
  const refusal =
    (isSpendingCategory(command.category) ? null : stationsError('unknown_spending_category', `未知支出类别：${String(command.category)}`, 'category')) ??
    fen(command.amountFen, 'amountFen', 1) ??
    (isCalendarDate(command.spentOn) && command.spentOn.startsWith(String(holder.year))
      ? null
      : stationsError('invalid_spending_date', `支出日期应为 ${holder.year} 年内的有效日期`, 'spentOn')) ??
    (command.spentOn <= shanghaiToday(now) ? null : stationsError('invalid_spending_date', '支出日期晚于今天：发生后再登记', 'spentOn')) ??
    checkText(command.payee, 'payee', NAME_MAX);
  if (refusal) return refusal;
  const balance = state.amountFen - state.spentFen;
  if (command.amountFen > balance) {
    return stationsError('budget_exceeded', `余额 ${(balance / 100).toFixed(2)} 元，不够支出 ${(command.amountFen / 100).toFixed(2)} 元`, 'amountFen', { balanceFen: balance });
  }
  const { budgetId, spendingId, category, amountFen, spentOn } = command;
  return [{ type: 'SpendingRecorded', data: { budgetId, spendingId, stationId: holder.stationId, category, amountFen, spentOn, payee: command.payee.trim() } }];
}

export function evolveBudget(state: BudgetState, event: BudgetEvent): BudgetState {
  switch (event.type) {
    case 'BudgetAllocated': {
      const { level, nodeCode, stationId, streetCode, year, amountFen } = event.data;
      return { holder: { level, nodeCode, stationId, streetCode, year }, amountFen, spentFen: 0 };
    }
    case 'BudgetAdjusted':
      return { ...state, amountFen: event.data.amountFen };
    case 'SpendingRecorded':
      return { ...state, spentFen: state.spentFen + event.data.amountFen };
    default:
      return assertNever(event, 'budget event');
  }
}

/** One budget (经费): a node's or a station's for a year, its spending never past the balance. */
export const budgetDecider: Decider<BudgetCommand, BudgetEvent, BudgetState> = {
  initialState: () => ({ holder: null, amountFen: 0, spentFen: 0 }),
  evolve: evolveBudget,
  decide(command: BudgetCommand, state: BudgetState, context: DecideContext) {
    switch (command.type) {
      case 'AllocateBudget':
        return decideAllocate(command, state, context.now);
      case 'AdjustBudget':
        return decideAdjust(command, state);
      case 'RecordSpending':
        return decideSpend(command, state, context.now);
      default:
        return assertNever(command, 'budget command');
    }
  },
};
