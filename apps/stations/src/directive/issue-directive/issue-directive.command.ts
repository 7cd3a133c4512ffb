import { isCalendarDate, isProgrammeKind, isStandardCode, PROGRAMME_KIND_LABELS, shanghaiYear, type DirectiveEvent, type DirectiveGoal } from '@ws/contracts';
import { assertNever, type DecideContext, type DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { isChildNode } from '../addressees';
import type { DirectiveState } from '../directive.decider';
import { directiveTitle } from '../directive-title';
import { checkDeadline } from '../directive.rules';

/** More stations than a province runs (浙江: a few thousand) is a typo. */
export const MAX_TARGET_STATIONS = 100_000;
/** More activities, people reached or checked, or new members, than a province counts in years (浙江: 82万人次) is a typo. */
export const MAX_TARGET_COUNT = 10_000_000;
export const MAX_NAMED_CHILDREN = 100;
export const MAX_TITLE_LENGTH = 60;

/**
 * A province or city node directs its subtree (children null) or named direct children. The
 * title is written from the goal and deadline unless the issuer gives one.
 */
export interface IssueDirective {
  type: 'IssueDirective';
  directiveId: string;
  issuerNode: string;
  goal: DirectiveGoal;
  children: string[] | null;
  deadline: string;
  title: string | null;
}

export function decideIssueDirective(command: IssueDirective, state: DirectiveState, context: DecideContext): DirectiveEvent[] | DomainError {
  if (state.issued) return stationsError('directive_already_issued', '该指令已下达');
  if (command.issuerNode.length >= 6) return stationsError('no_child_nodes', '区县节点没有下级节点，不能下达指令');
  const refusal = checkGoal(command.goal, context.now) ?? checkDeadline(command.deadline, context.now) ?? checkSince(command.goal, command.deadline, context.now) ?? checkChildren(command.issuerNode, command.children) ?? checkTitle(command.title);
  if (refusal) return refusal;
  return [
    {
      type: 'DirectiveIssued',
      data: {
        directiveId: command.directiveId,
        issuerNode: command.issuerNode,
        title: command.title?.trim() || directiveTitle(command.goal, command.deadline),
        goal: command.goal,
        children: command.children === null ? null : [...command.children].sort(),
        deadline: command.deadline,
      },
    },
  ];
}

function checkGoal(goal: DirectiveGoal, now: Date): DomainError | null {
  switch (goal.kind) {
    case 'adopt_standard':
      return isStandardCode(goal.standard) ? null : stationsError('unknown_standard', `未知建设标准：${goal.standard}`, 'standard');
    case 'station_target':
    case 'upgrade_target':
      if (goal.standard !== null && !isStandardCode(goal.standard)) return stationsError('unknown_standard', `未知建设标准：${goal.standard}`, 'standard');
      return Number.isInteger(goal.stations) && goal.stations >= 1 && goal.stations <= MAX_TARGET_STATIONS
        ? null
        : stationsError('invalid_target', `驿站数应为 1–${MAX_TARGET_STATIONS} 的整数`, 'stations');
    case 'review_campaign': {
      // Reviews are recorded for the current year or the one just ended (评定 often runs early the next year).
      const year = shanghaiYear(now);
      return Number.isInteger(goal.year) && goal.year >= year - 1 && goal.year <= year
        ? null
        : stationsError('invalid_target', `评定年度应为 ${year - 1} 或 ${year}`, 'year');
    }
    case 'activity_target':
      return checkCount(goal.activities, 'activities', '活动场次');
    case 'reach_target':
      return checkCount(goal.people, 'people', '覆盖人数');
    case 'health_check_target':
      return checkCount(goal.people, 'people', '体检人次') ?? checkShareRule(goal.minNewFormSharePercent);
    case 'programme_target':
      if (!isProgrammeKind(goal.programme)) return stationsError('unknown_programme_kind', `未知民生实事项目类型：${String(goal.programme)}`, 'programme');
      return checkCount(goal.people, 'people', `${PROGRAMME_KIND_LABELS[goal.programme]}人次`) ?? checkShareRule(goal.minNewFormSharePercent);
    case 'members_target':
      return checkCount(goal.members, 'members', '新增会员数');
    case 'coverage_target':
      return Number.isInteger(goal.sharePercent) && goal.sharePercent >= 1 && goal.sharePercent <= 100
        ? null
        : stationsError('invalid_target', '覆盖率目标应为 1–100 的整数（%）', 'sharePercent');
    default:
      return assertNever(goal, 'directive goal');
  }
}

/** Work is counted from a real date no earlier than 1 January of last year, and not after the deadline. */
function checkSince(goal: DirectiveGoal, deadline: string, now: Date): DomainError | null {
  if (!('since' in goal) || goal.since === null) return null;
  const earliest = `${shanghaiYear(now) - 1}-01-01`;
  return isCalendarDate(goal.since) && goal.since >= earliest && goal.since <= deadline
    ? null
    : stationsError('invalid_target', `起算日期应为 ${earliest} 至期限之间的日期（YYYY-MM-DD）`, 'since');
}

function checkShareRule(percent: number): DomainError | null {
  return Number.isInteger(percent) && percent >= 0 && percent <= 100
    ? null
    : stationsError('invalid_quota_rule', '新就业形态劳动者占比应为 0–100 的整数（%）', 'minNewFormSharePercent');
}

function checkCount(value: number, field: string, label: string): DomainError | null {
  return Number.isInteger(value) && value >= 1 && value <= MAX_TARGET_COUNT ? null : stationsError('invalid_target', `${label}应为 1–${MAX_TARGET_COUNT} 的整数`, field);
}

function checkChildren(issuerNode: string, children: string[] | null): DomainError | null {
  if (children === null) return null;
  if (children.length === 0 || children.length > MAX_NAMED_CHILDREN || new Set(children).size !== children.length) {
    return stationsError('invalid_addressee', `下级节点应为 1–${MAX_NAMED_CHILDREN} 个不重复的代码；不填则下达到全部下级`, 'children');
  }
  const invalid = children.filter((code) => !isChildNode(issuerNode, code));
  return invalid.length === 0
    ? null
    : stationsError('invalid_addressee', `不是本节点（${issuerNode}）的直接下级：${invalid.join('、')}`, 'children', { invalid });
}

function checkTitle(title: string | null): DomainError | null {
  if (title === null) return null;
  const length = title.trim().length;
  return length >= 1 && length <= MAX_TITLE_LENGTH ? null : stationsError('invalid_text', `标题不能为空，且不超过 ${MAX_TITLE_LENGTH} 个字`, 'title');
}
