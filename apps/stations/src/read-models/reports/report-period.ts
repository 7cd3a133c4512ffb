import { stationsError } from '../../errors';

export const REPORT_KINDS = ['month', 'quarter', 'year'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportPeriod {
  kind: ReportKind;
  /** As asked: 2026, 2026-Q2 or 2026-03. */
  period: string;
  /** First and last day (inclusive, Asia/Shanghai dates). */
  from: string;
  to: string;
  label: string;
}

const PATTERN: Record<ReportKind, RegExp> = {
  year: /^(\d{4})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
};

const EXAMPLE: Record<ReportKind, string> = { year: '2026', quarter: '2026-Q2', month: '2026-03' };

function lastDay(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function firstDay(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** The days a report covers: a calendar year, quarter or month. */
export function reportPeriod(kind: ReportKind, period: string): ReportPeriod {
  const match = PATTERN[kind].exec(period);
  if (!match) throw stationsError('validation_failed', `报表期间格式应为 ${EXAMPLE[kind]}`, 'period');
  const year = Number(match[1]);
  if (kind === 'year') return { kind, period, from: firstDay(year, 1), to: lastDay(year, 12), label: `${year}年` };
  if (kind === 'quarter') {
    const quarter = Number(match[2]);
    return { kind, period, from: firstDay(year, quarter * 3 - 2), to: lastDay(year, quarter * 3), label: `${year}年第${quarter}季度` };
  }
  const month = Number(match[2]);
  return { kind, period, from: firstDay(year, month), to: lastDay(year, month), label: `${year}年${month}月` };
}
