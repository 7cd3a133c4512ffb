import type { BudgetEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { type AllocateBudget, type BudgetCommand, budgetDecider, type RecordSpending } from './budget.decider';

// The spec's clock: 2026-06-01 10:00 in Shanghai.
const BUDGET = '0196f000-0000-7000-8000-00000000e001';
const STATION = '0196f000-0000-7000-8000-000000005001';
const budget = () => spec<BudgetCommand, BudgetEvent, ReturnType<typeof budgetDecider.initialState>>(budgetDecider);
const openStation = { status: 'active' as const, streetCode: '330502001', services: [] };

const allocate = (overrides: Partial<AllocateBudget> = {}): AllocateBudget => ({
  type: 'AllocateBudget', budgetId: BUDGET, year: 2026, title: '驿站活动经费', amountFen: 500_000, nodeCode: '330502', stationId: STATION, station: openStation, ...overrides,
});
const allocated: BudgetEvent = {
  type: 'BudgetAllocated',
  data: { budgetId: BUDGET, year: 2026, title: '驿站活动经费', amountFen: 500_000, level: 'station', nodeCode: '330502', stationId: STATION, streetCode: '330502001' },
};
const spend = (overrides: Partial<RecordSpending> = {}): RecordSpending => ({
  type: 'RecordSpending', budgetId: BUDGET, spendingId: 's1', category: 'books', amountFen: 120_000, spentOn: '2026-05-20', payee: '新华书店', ...overrides,
});
const spent = (amountFen: number, spendingId = 's1'): BudgetEvent => ({
  type: 'SpendingRecorded', data: { budgetId: BUDGET, spendingId, stationId: STATION, category: 'books', amountFen, spentOn: '2026-05-20', payee: '新华书店' },
});

describe('AllocateBudget', () => {
  it('gives a station 5 000 元 for the year, and a node its own budget', () => {
    budget().given([]).when(allocate()).then([allocated]);
    budget().given([]).when(allocate({ stationId: null, station: null, title: '市县两级驿站建设经费', amountFen: 800_000_000 }))
      .then([{ type: 'BudgetAllocated', data: { budgetId: BUDGET, year: 2026, title: '市县两级驿站建设经费', amountFen: 800_000_000, level: 'node', nodeCode: '330502', stationId: null, streetCode: null } }]);
  });

  it('refuses money as a float, a closed station and a second allocation', () => {
    budget().given([]).when(allocate({ amountFen: 5000.5 })).thenError('invalid_amount', 'amountFen');
    budget().given([]).when(allocate({ station: { ...openStation, status: 'closed' } })).thenError('station_closed', 'stationId');
    budget().given([allocated]).when(allocate()).thenError('budget_already_allocated');
  });
});

describe('RecordSpending', () => {
  it('spends within the balance, to the last fen', () => {
    budget().given([allocated]).when(spend()).then([spent(120_000)]);
    budget().given([allocated, spent(120_000)]).when(spend({ spendingId: 's2', amountFen: 380_000 })).then([spent(380_000, 's2')]);
  });

  it('refuses a spend over the budget with a stable code and the balance', () => {
    const refusal = budget().given([allocated, spent(120_000)]).when(spend({ spendingId: 's2', amountFen: 380_001 })).thenError('budget_exceeded', 'amountFen');
    expect(refusal.details).toEqual({ balanceFen: 380_000 });
    budget().given([allocated, spent(120_000), { type: 'BudgetAdjusted', data: { budgetId: BUDGET, amountFen: 600_000, reason: '追加' } }])
      .when(spend({ spendingId: 's2', amountFen: 380_001 })).then([spent(380_001, 's2')]);
  });

  it('refuses a day outside the year or after today, a category it does not know, and an adjustment below what is spent', () => {
    budget().given([allocated]).when(spend({ spentOn: '2025-12-31' })).thenError('invalid_spending_date', 'spentOn');
    budget().given([allocated]).when(spend({ spentOn: '2026-06-02' })).thenError('invalid_spending_date', 'spentOn');
    budget().given([allocated]).when(spend({ category: 'banquet' as never })).thenError('unknown_spending_category', 'category');
    budget().given([allocated, spent(120_000)]).when({ type: 'AdjustBudget', budgetId: BUDGET, amountFen: 100_000, reason: '压减' }).thenError('budget_below_spent', 'amountFen');
    budget().given([]).when(spend()).thenError('budget_not_found');
  });
});
