import type { WishAuthorKind } from '@ws/contracts';
import type { ReportStatus } from '../report/report.decider';

export { WISH_CATEGORY_LABELS as CATEGORY_LABELS } from '@ws/contracts';

/** A 随手拍 report as the street officer's list names it. */
export const REPORT_STATUS_LABELS: Record<Exclude<ReportStatus, 'none'>, string> = {
  submitted: '待审核',
  valid: '有效',
  rejected: '无效',
};

/** Only the last four characters of a card number are ever shown. */
export function maskMemberCard(card: string | null): string | null {
  if (!card) return null;
  return `****${card.slice(-4)}`;
}

/** How the wall names an author: never a name, at most the end of a member card. */
export function authorMask(kind: WishAuthorKind, memberCard: string | null): string {
  if (kind === 'station_manager') return memberCard ? `站长代会员 ${maskMemberCard(memberCard)} 提交` : '站长代职工提交';
  return memberCard ? `会员 ${maskMemberCard(memberCard)}` : '匿名职工';
}
