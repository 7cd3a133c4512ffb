import type { DomainEvent } from '../envelope';

/**
 * Funds (经费) of the stations context: "市县两级工会计划投入800万元", "每个站点5000元的活动经费". One
 * stream per budget (`budget-<id>`): a node's own budget for a year, or a station's; spending
 * recorded against it with a category, never past the balance. Amounts in fen (分), integers,
 * never floats; payees are units (单位), never persons.
 */
export const BUDGET_AGGREGATE = 'budget';

export const BUDGET_LEVELS = ['node', 'station'] as const;
export type BudgetLevel = (typeof BUDGET_LEVELS)[number];

export const SPENDING_CATEGORIES = ['activities', 'welfare', 'facilities', 'books', 'operations', 'training', 'other'] as const;
export type SpendingCategory = (typeof SPENDING_CATEGORIES)[number];

export const SPENDING_CATEGORY_LABELS: Record<SpendingCategory, string> = {
  activities: '活动经费',
  welfare: '慰问物资',
  facilities: '设施设备',
  books: '书籍报刊',
  operations: '水电运维',
  training: '培训',
  other: '其他',
};

export const isSpendingCategory = (value: unknown): value is SpendingCategory =>
  typeof value === 'string' && (SPENDING_CATEGORIES as readonly string[]).includes(value);

export interface BudgetHolder {
  level: BudgetLevel;
  /** The node whose budget it is (for a station's: the node that runs the station). */
  nodeCode: string;
  stationId: string | null;
  streetCode: string | null;
}

export type BudgetAllocated = DomainEvent<'BudgetAllocated', BudgetHolder & { budgetId: string; year: number; title: string; amountFen: number }>;
/** The budget raised or cut to a new total (never below what is already spent). */
export type BudgetAdjusted = DomainEvent<'BudgetAdjusted', { budgetId: string; amountFen: number; reason: string }>;
export type SpendingRecorded = DomainEvent<'SpendingRecorded', {
  budgetId: string;
  spendingId: string;
  stationId: string | null;
  category: SpendingCategory;
  amountFen: number;
  spentOn: string;
  /** The unit paid (a supplier, a hospital), never a person. */
  payee: string;
}>;

export type BudgetEvent = BudgetAllocated | BudgetAdjusted | SpendingRecorded;
export type BudgetEventType = BudgetEvent['type'];

export const BUDGET_EVENT_SCHEMAS = { BudgetAllocated: 1, BudgetAdjusted: 1, SpendingRecorded: 1 } as const satisfies Record<BudgetEventType, number>;
