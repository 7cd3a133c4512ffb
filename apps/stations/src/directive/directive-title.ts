import { PROGRAMME_KIND_LABELS, type DirectiveGoal } from '@ws/contracts';
import { assertNever } from '@ws/kernel';
import { STANDARDS } from '../catalogue/standards';

/** "2026年底前", "2027年6月底前", "2027年3月15日前": how a deadline reads in a directive's title. */
export function deadlinePhrase(deadline: string): string {
  const [year, month, day] = deadline.split('-').map(Number) as [number, number, number];
  if (month === 12 && day === 31) return `${year}年底前`;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day === lastDay ? `${year}年${month}月底前` : `${year}年${month}月${day}日前`;
}

/** The zh-CN title a directive gets unless the issuer writes its own, e.g. "2026年底前驿站≥1260个且全部达八有". */
export function directiveTitle(goal: DirectiveGoal, deadline: string): string {
  const by = deadlinePhrase(deadline);
  switch (goal.kind) {
    case 'adopt_standard':
      return `推行${STANDARDS[goal.standard].label}建设标准，${by}驿站全部达标`;
    case 'station_target':
      return `${by}驿站≥${goal.stations}个${goal.standard ? `且全部达${STANDARDS[goal.standard].label}` : ''}`;
    case 'upgrade_target':
      return `${by}改造提升驿站${goal.stations}个${goal.standard ? `（达${STANDARDS[goal.standard].label}）` : ''}`;
    case 'review_campaign':
      return `${goal.year}年度驿站星级评定，${by}完成`;
    case 'activity_target':
      return `${by}开展服务活动≥${goal.activities}场次`;
    case 'reach_target':
      return `${by}活动覆盖户外劳动者≥${goal.people}人`;
    case 'health_check_target':
      return `${by}健康体检≥${goal.people}人次${shareClause(goal.minNewFormSharePercent)}`;
    case 'programme_target':
      return `${by}${PROGRAMME_KIND_LABELS[goal.programme]}≥${goal.people}人次${shareClause(goal.minNewFormSharePercent)}`;
    case 'members_target':
      return `${by}新增会员≥${goal.members}人`;
    case 'coverage_target':
      return `${by}15分钟服务圈覆盖率≥${goal.sharePercent}%`;
    default:
      return assertNever(goal, 'directive goal');
  }
}

const shareClause = (percent: number) => (percent > 0 ? `，新就业形态劳动者不少于${percent}%` : '');
