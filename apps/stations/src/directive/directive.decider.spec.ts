import type { DirectiveEvent, DirectiveIssued } from '@ws/contracts';
import { spec } from '@ws/testing';
import { directiveDecider } from './directive.decider';
import type { IssueDirective } from './issue-directive/issue-directive.command';

// spec()'s clock: 2026-06-01 10:00 Asia/Shanghai.
const directive = () => spec(directiveDecider);
const ID = '01935f3a-7c00-7000-8000-000000000001';

const issue = (overrides: Partial<IssueDirective> = {}): IssueDirective => ({
  type: 'IssueDirective',
  directiveId: ID,
  issuerNode: '3307',
  goal: { kind: 'station_target', stations: 1260, standard: 'ba_you' },
  children: null,
  deadline: '2026-12-31',
  title: null,
  ...overrides,
});

const issued: DirectiveIssued = {
  type: 'DirectiveIssued',
  data: {
    directiveId: ID,
    issuerNode: '3307',
    title: '2026年底前驿站≥1260个且全部达八有',
    goal: { kind: 'station_target', stations: 1260, standard: 'ba_you' },
    children: null,
    deadline: '2026-12-31',
  },
};
const withdrawn: DirectiveEvent = { type: 'DirectiveWithdrawn', data: { directiveId: ID, issuerNode: '3307', reason: '目标调整' } };

describe('Directive decider', () => {
  describe('IssueDirective', () => {
    it('issues a target to the whole subtree, titled from its goal and deadline (金华: ≥1260 stations, all 八有)', () => {
      directive().given([]).when(issue()).then([issued]);
    });

    it('addresses named direct children, in code order, and keeps a title the issuer wrote', () => {
      directive()
        .given([])
        .when(issue({ issuerNode: '33', children: ['3308', '3304'], goal: { kind: 'upgrade_target', stations: 1000, standard: null }, title: '户外劳动者服务站点改造提升' }))
        .then([
          {
            type: 'DirectiveIssued',
            data: {
              directiveId: ID,
              issuerNode: '33',
              title: '户外劳动者服务站点改造提升',
              goal: { kind: 'upgrade_target', stations: 1000, standard: null },
              children: ['3304', '3308'],
              deadline: '2026-12-31',
            },
          },
        ]);
    });

    it('issues a standard and a review campaign for this year or the last', () => {
      directive()
        .given([])
        .when(issue({ issuerNode: '3308', goal: { kind: 'adopt_standard', standard: 'ba_you' }, deadline: '2027-06-30' }))
        .then([
          {
            type: 'DirectiveIssued',
            data: { directiveId: ID, issuerNode: '3308', title: '推行八有建设标准，2027年6月底前驿站全部达标', goal: { kind: 'adopt_standard', standard: 'ba_you' }, children: null, deadline: '2027-06-30' },
          },
        ]);
      directive().given([]).when(issue({ goal: { kind: 'review_campaign', year: 2025 }, deadline: '2026-06-01' })).then([
        {
          type: 'DirectiveIssued',
          data: { directiveId: ID, issuerNode: '3307', title: '2025年度驿站星级评定，2026年6月1日前完成', goal: { kind: 'review_campaign', year: 2025 }, children: null, deadline: '2026-06-01' },
        },
      ]);
    });

    it('refuses a directive issued twice, and one from a district (it has no child nodes)', () => {
      directive().given([issued]).when(issue()).thenError('directive_already_issued');
      directive().given([]).when(issue({ issuerNode: '330802' })).thenError('no_child_nodes');
    });

    it('refuses a deadline in the past, not a date, or more than ten years out', () => {
      directive().given([]).when(issue({ deadline: '2026-05-31' })).thenError('invalid_deadline', 'deadline');
      directive().given([]).when(issue({ deadline: '2026-02-30' })).thenError('invalid_deadline', 'deadline');
      directive().given([]).when(issue({ deadline: '2036-06-02' })).thenError('invalid_deadline', 'deadline');
    });

    it('refuses targets out of range and review years other than this one or the last', () => {
      directive().given([]).when(issue({ goal: { kind: 'station_target', stations: 0, standard: null } })).thenError('invalid_target', 'stations');
      directive().given([]).when(issue({ goal: { kind: 'upgrade_target', stations: 1.5, standard: null } })).thenError('invalid_target', 'stations');
      directive().given([]).when(issue({ goal: { kind: 'station_target', stations: 100_001, standard: null } })).thenError('invalid_target', 'stations');
      directive().given([]).when(issue({ goal: { kind: 'review_campaign', year: 2024 } })).thenError('invalid_target', 'year');
      directive().given([]).when(issue({ goal: { kind: 'review_campaign', year: 2027 } })).thenError('invalid_target', 'year');
      directive().given([]).when(issue({ goal: { kind: 'adopt_standard', standard: 'gold' as never } })).thenError('unknown_standard', 'standard');
    });

    it('sets targets on what the subtree does: activities held, people reached, health checks with the 20 % rule', () => {
      const issuedWith = (goal: IssueDirective['goal'], title: string) => [{ type: 'DirectiveIssued' as const, data: { directiveId: ID, issuerNode: '3307', title, goal, children: null, deadline: '2026-12-31' } }];
      directive().given([]).when(issue({ goal: { kind: 'activity_target', activities: 30, since: null } })).then(issuedWith({ kind: 'activity_target', activities: 30, since: null }, '2026年底前开展服务活动≥30场次'));
      directive().given([]).when(issue({ goal: { kind: 'reach_target', people: 1500, since: null } })).then(issuedWith({ kind: 'reach_target', people: 1500, since: null }, '2026年底前活动覆盖户外劳动者≥1500人'));
      directive()
        .given([])
        .when(issue({ goal: { kind: 'health_check_target', people: 10_000, minNewFormSharePercent: 20, since: null } }))
        .then(issuedWith({ kind: 'health_check_target', people: 10_000, minNewFormSharePercent: 20, since: null }, '2026年底前健康体检≥10000人次，新就业形态劳动者不少于20%'));
      directive()
        .given([])
        .when(issue({ goal: { kind: 'health_check_target', people: 500, minNewFormSharePercent: 0, since: null } }))
        .then(issuedWith({ kind: 'health_check_target', people: 500, minNewFormSharePercent: 0, since: null }, '2026年底前健康体检≥500人次'));
    });

    it('sets a target on any programme (爱心托班, 技能培训 …) with its people served and an optional new-form share', () => {
      const issuedWith = (goal: IssueDirective['goal'], title: string) => [{ type: 'DirectiveIssued' as const, data: { directiveId: ID, issuerNode: '3307', title, goal, children: null, deadline: '2026-12-31' } }];
      const childcare = { kind: 'programme_target' as const, programme: 'summer_childcare' as const, people: 8000, minNewFormSharePercent: 0, since: '2026-06-01' };
      directive().given([]).when(issue({ goal: childcare })).then(issuedWith(childcare, '2026年底前爱心托班≥8000人次'));
      const checks = { kind: 'programme_target' as const, programme: 'health_check' as const, people: 1000, minNewFormSharePercent: 20, since: null };
      directive().given([]).when(issue({ goal: checks })).then(issuedWith(checks, '2026年底前健康体检≥1000人次，新就业形态劳动者不少于20%'));
    });

    it('refuses a programme target of an unknown kind, a count out of range or a share that is not a whole percent', () => {
      const goal = { kind: 'programme_target' as const, programme: 'skills_training' as const, people: 300, minNewFormSharePercent: 20, since: null };
      directive().given([]).when(issue({ goal: { ...goal, programme: 'yoga' as never } })).thenError('unknown_programme_kind', 'programme');
      directive().given([]).when(issue({ goal: { ...goal, people: 0 } })).thenError('invalid_target', 'people');
      directive().given([]).when(issue({ goal: { ...goal, people: 10_000_001 } })).thenError('invalid_target', 'people');
      directive().given([]).when(issue({ goal: { ...goal, minNewFormSharePercent: 101 } })).thenError('invalid_quota_rule', 'minNewFormSharePercent');
      directive().given([]).when(issue({ goal: { ...goal, minNewFormSharePercent: 12.5 } })).thenError('invalid_quota_rule', 'minNewFormSharePercent');
      directive().given([]).when(issue({ goal: { ...goal, since: '2027-01-01' } })).thenError('invalid_target', 'since');
    });

    it('sets a target on new members (新增会员), counted from a date the issuer names', () => {
      const issuedWith = (goal: IssueDirective['goal'], title: string) => [{ type: 'DirectiveIssued' as const, data: { directiveId: ID, issuerNode: '3307', title, goal, children: null, deadline: '2026-12-31' } }];
      directive().given([]).when(issue({ goal: { kind: 'members_target', members: 300, since: null } })).then(issuedWith({ kind: 'members_target', members: 300, since: null }, '2026年底前新增会员≥300人'));
      directive()
        .given([])
        .when(issue({ goal: { kind: 'members_target', members: 870, since: '2026-01-01' } }))
        .then(issuedWith({ kind: 'members_target', members: 870, since: '2026-01-01' }, '2026年底前新增会员≥870人'));
      directive().given([]).when(issue({ goal: { kind: 'members_target', members: 300, since: '2024-12-31' } })).thenError('invalid_target', 'since');
      directive().given([]).when(issue({ goal: { kind: 'members_target', members: 300, since: '2027-01-01' } })).thenError('invalid_target', 'since');
    });

    it('sets a target on the coverage share (覆盖率), for the subtree and each child', () => {
      const issuedWith = (goal: IssueDirective['goal'], title: string, children: string[] | null = null) => [
        { type: 'DirectiveIssued' as const, data: { directiveId: ID, issuerNode: '3307', title, goal, children, deadline: '2026-12-31' } },
      ];
      directive().given([]).when(issue({ goal: { kind: 'coverage_target', sharePercent: 90 } })).then(issuedWith({ kind: 'coverage_target', sharePercent: 90 }, '2026年底前15分钟服务圈覆盖率≥90%'));
      directive()
        .given([])
        .when(issue({ goal: { kind: 'coverage_target', sharePercent: 100 }, children: ['330784', '330702'] }))
        .then(issuedWith({ kind: 'coverage_target', sharePercent: 100 }, '2026年底前15分钟服务圈覆盖率≥100%', ['330702', '330784']));
    });

    it('refuses a coverage share that is zero, over 100 %, negative or fractional', () => {
      for (const sharePercent of [0, 101, -90, 92.5]) directive().given([]).when(issue({ goal: { kind: 'coverage_target', sharePercent } })).thenError('invalid_target', 'sharePercent');
    });

    it('refuses a members target that is zero, negative, fractional or absurd', () => {
      directive().given([]).when(issue({ goal: { kind: 'members_target', members: 0, since: null } })).thenError('invalid_target', 'members');
      directive().given([]).when(issue({ goal: { kind: 'members_target', members: -300, since: null } })).thenError('invalid_target', 'members');
      directive().given([]).when(issue({ goal: { kind: 'members_target', members: 30.5, since: null } })).thenError('invalid_target', 'members');
      directive().given([]).when(issue({ goal: { kind: 'members_target', members: 10_000_001, since: null } })).thenError('invalid_target', 'members');
    });

    it('refuses counted targets that are negative, zero, fractional or absurd, and a share over 100 %', () => {
      directive().given([]).when(issue({ goal: { kind: 'activity_target', activities: -3, since: null } })).thenError('invalid_target', 'activities');
      directive().given([]).when(issue({ goal: { kind: 'activity_target', activities: 2.5, since: null } })).thenError('invalid_target', 'activities');
      directive().given([]).when(issue({ goal: { kind: 'reach_target', people: 0, since: null } })).thenError('invalid_target', 'people');
      directive().given([]).when(issue({ goal: { kind: 'reach_target', people: 10_000_001, since: null } })).thenError('invalid_target', 'people');
      directive().given([]).when(issue({ goal: { kind: 'health_check_target', people: -1, minNewFormSharePercent: 20, since: null } })).thenError('invalid_target', 'people');
      directive().given([]).when(issue({ goal: { kind: 'health_check_target', people: 1000, minNewFormSharePercent: 120, since: null } })).thenError('invalid_quota_rule', 'minNewFormSharePercent');
      directive().given([]).when(issue({ goal: { kind: 'health_check_target', people: 1000, minNewFormSharePercent: -5, since: null } })).thenError('invalid_quota_rule', 'minNewFormSharePercent');
      directive().given([]).when(issue({ goal: { kind: 'health_check_target', people: 1000, minNewFormSharePercent: 20.5, since: null } })).thenError('invalid_quota_rule', 'minNewFormSharePercent');
    });

    it('counts work from a date the issuer names (今年以来: 1 January), not before last year nor after the deadline', () => {
      const goal = { kind: 'activity_target' as const, activities: 30, since: '2026-01-01' };
      directive().given([]).when(issue({ goal })).then([{ type: 'DirectiveIssued', data: { directiveId: ID, issuerNode: '3307', title: '2026年底前开展服务活动≥30场次', goal, children: null, deadline: '2026-12-31' } }]);
      const lastYear = { ...goal, since: '2025-01-01' };
      directive().given([]).when(issue({ goal: lastYear })).then([{ type: 'DirectiveIssued', data: { directiveId: ID, issuerNode: '3307', title: '2026年底前开展服务活动≥30场次', goal: lastYear, children: null, deadline: '2026-12-31' } }]);
      directive().given([]).when(issue({ goal: { ...goal, since: '2024-12-31' } })).thenError('invalid_target', 'since');
      directive().given([]).when(issue({ goal: { ...goal, since: '2027-01-01' } })).thenError('invalid_target', 'since');
      directive().given([]).when(issue({ goal: { ...goal, since: '2026-02-30' } })).thenError('invalid_target', 'since');
    });

    it('refuses children that are not direct children of the issuer, repeated, or an empty list', () => {
      const refused = directive().given([]).when(issue({ issuerNode: '3308', children: ['330802', '330402', '3308'] })).thenError('invalid_addressee', 'children');
      expect(refused.details).toEqual({ invalid: ['330402', '3308'] });
      directive().given([]).when(issue({ issuerNode: '3308', children: ['330899'] })).thenError('invalid_addressee', 'children');
      directive().given([]).when(issue({ issuerNode: '3308', children: ['330802', '330802'] })).thenError('invalid_addressee', 'children');
      directive().given([]).when(issue({ issuerNode: '3308', children: [] })).thenError('invalid_addressee', 'children');
    });

    it('refuses a blank or over-long title', () => {
      directive().given([]).when(issue({ title: '   ' })).thenError('invalid_text', 'title');
      directive().given([]).when(issue({ title: '长'.repeat(61) })).thenError('invalid_text', 'title');
    });
  });

  describe('WithdrawDirective', () => {
    it('withdraws a directive that stands, with its reason', () => {
      directive().given([issued]).when({ type: 'WithdrawDirective', directiveId: ID, reason: ' 目标调整 ' }).then([withdrawn]);
    });

    it('refuses an unknown directive, one already withdrawn, and a blank reason', () => {
      directive().given([]).when({ type: 'WithdrawDirective', directiveId: ID, reason: '目标调整' }).thenError('directive_not_found');
      directive().given([issued, withdrawn]).when({ type: 'WithdrawDirective', directiveId: ID, reason: '再撤一次' }).thenError('directive_withdrawn');
      directive().given([issued]).when({ type: 'WithdrawDirective', directiveId: ID, reason: ' ' }).thenError('invalid_text', 'reason');
    });
  });

  describe('AmendDeadline', () => {
    it('moves the deadline and names the previous one; the same date is no change', () => {
      directive()
        .given([issued])
        .when({ type: 'AmendDeadline', directiveId: ID, deadline: '2027-06-30' })
        .then([{ type: 'DirectiveDeadlineAmended', data: { directiveId: ID, issuerNode: '3307', deadline: '2027-06-30', previousDeadline: '2026-12-31' } }]);
      directive().given([issued]).when({ type: 'AmendDeadline', directiveId: ID, deadline: '2026-12-31' }).thenNothing();
    });

    it('applies the latest deadline when folding, and refuses past dates and withdrawn directives', () => {
      const amended: DirectiveEvent = { type: 'DirectiveDeadlineAmended', data: { directiveId: ID, issuerNode: '3307', deadline: '2027-06-30', previousDeadline: '2026-12-31' } };
      directive().given([issued, amended]).when({ type: 'AmendDeadline', directiveId: ID, deadline: '2027-06-30' }).thenNothing();
      directive().given([issued]).when({ type: 'AmendDeadline', directiveId: ID, deadline: '2026-01-01' }).thenError('invalid_deadline', 'deadline');
      directive().given([issued, withdrawn]).when({ type: 'AmendDeadline', directiveId: ID, deadline: '2027-06-30' }).thenError('directive_withdrawn');
      directive().given([]).when({ type: 'AmendDeadline', directiveId: ID, deadline: '2027-06-30' }).thenError('directive_not_found');
    });
  });
});
