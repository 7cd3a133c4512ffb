import { deadlinePhrase, directiveTitle } from './directive-title';

describe('directive titles (zh-CN)', () => {
  it('reads a deadline as year end, month end or a day', () => {
    expect(deadlinePhrase('2026-12-31')).toBe('2026年底前');
    expect(deadlinePhrase('2027-02-28')).toBe('2027年2月底前');
    expect(deadlinePhrase('2028-02-28')).toBe('2028年2月28日前');
    expect(deadlinePhrase('2027-03-15')).toBe('2027年3月15日前');
  });

  it('writes each kind of goal as the seeds phrase them', () => {
    expect(directiveTitle({ kind: 'station_target', stations: 1260, standard: 'ba_you' }, '2026-12-31')).toBe('2026年底前驿站≥1260个且全部达八有');
    expect(directiveTitle({ kind: 'station_target', stations: 90, standard: null }, '2026-12-31')).toBe('2026年底前驿站≥90个');
    expect(directiveTitle({ kind: 'upgrade_target', stations: 1000, standard: 'six_plus_x' }, '2026-12-31')).toBe('2026年底前改造提升驿站1000个（达6+X）');
    expect(directiveTitle({ kind: 'adopt_standard', standard: 'nine_plus_x' }, '2027-06-30')).toBe('推行9+X建设标准，2027年6月底前驿站全部达标');
    expect(directiveTitle({ kind: 'review_campaign', year: 2026 }, '2027-03-31')).toBe('2026年度驿站星级评定，2027年3月底前完成');
    expect(directiveTitle({ kind: 'members_target', members: 300, since: null }, '2027-06-30')).toBe('2027年6月底前新增会员≥300人');
    expect(directiveTitle({ kind: 'coverage_target', sharePercent: 95 }, '2026-12-31')).toBe('2026年底前15分钟服务圈覆盖率≥95%');
    expect(directiveTitle({ kind: 'programme_target', programme: 'summer_childcare', people: 8000, minNewFormSharePercent: 0, since: null }, '2026-08-31')).toBe('2026年8月底前爱心托班≥8000人次');
    expect(directiveTitle({ kind: 'programme_target', programme: 'health_check', people: 1000, minNewFormSharePercent: 20, since: null }, '2026-12-31')).toBe(
      '2026年底前健康体检≥1000人次，新就业形态劳动者不少于20%',
    );
  });
});
