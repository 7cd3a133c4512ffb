import { DomainError } from '@ws/kernel';
import { reportPeriod } from './report-period';

describe('reportPeriod', () => {
  it('turns a year, a quarter or a month into its first and last day', () => {
    expect(reportPeriod('year', '2026')).toEqual({ kind: 'year', period: '2026', from: '2026-01-01', to: '2026-12-31', label: '2026年' });
    expect(reportPeriod('quarter', '2026-Q1')).toMatchObject({ from: '2026-01-01', to: '2026-03-31', label: '2026年第1季度' });
    expect(reportPeriod('quarter', '2026-Q4')).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(reportPeriod('month', '2028-02')).toMatchObject({ from: '2028-02-01', to: '2028-02-29', label: '2028年2月' });
    expect(reportPeriod('month', '2026-02')).toMatchObject({ to: '2026-02-28' });
  });

  it('refuses a period that does not match its kind, naming the field', () => {
    for (const [kind, period] of [['year', '2026-Q1'], ['quarter', '2026-Q5'], ['month', '2026-13'], ['month', '2026-3']] as const) {
      expect(() => reportPeriod(kind, period)).toThrow(DomainError);
      try {
        reportPeriod(kind, period);
      } catch (error) {
        expect(error).toMatchObject({ code: 'validation_failed', field: 'period' });
      }
    }
  });
});
