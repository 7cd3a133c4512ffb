import type { WishAuthorKind, WishCategory } from '@ws/contracts';

export const CATEGORY_LABELS: Record<WishCategory, string> = {
  first_aid_training: '急救培训',
  health_check: '健康体检',
  legal_advice: '法律咨询',
  childcare_class: '爱心托班',
  repair: '维修',
  job_seeking: '求职就业',
  facilities: '站点设施',
  other: '其他',
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
