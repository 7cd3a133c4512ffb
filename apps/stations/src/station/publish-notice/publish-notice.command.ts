import { isStationedPartnerKind, type StationedPartner, type StationEvent, type StationNoticePublished } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { type Check, checkText, NAME_MAX } from '../station.rules';
import type { StationState } from '../station.state';

export const PLEDGE_MAX = 2000;
export const NOTICE_TEXT_MAX = 500;
export const STATIONED_PARTNERS_MAX = 20;

/** A landline (with area code, optional extension), a 400/800 service number, or the unions' 12351. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const SERVICE_NUMBER = /^[48]00-?\d{3}-?\d{4}$/;
const UNION_HOTLINE = '12351';
const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;

export interface PublishNotice {
  type: 'PublishNotice';
  stationId: string;
  pledge: string;
  services: string;
  hours: string;
  /** The manager's name as stored in the node's vault (the handler stores it and passes the ref). */
  managerNameRef: string | null;
  hotline: string;
  partners: StationedPartner[];
}

/** The hotline as published, spaces dropped: never a personal mobile. */
export function checkHotline(hotline: unknown): Check {
  const number = typeof hotline === 'string' ? hotline.replace(/\s/g, '') : '';
  if (MOBILE.test(number)) return stationsError('hotline_is_mobile', '服务热线应为公开号码（固定电话、400/800 或 12351），不能填个人手机号', 'hotline');
  if (number === UNION_HOTLINE || LANDLINE.test(number) || SERVICE_NUMBER.test(number)) return null;
  return stationsError('invalid_hotline', '服务热线应为固定电话（含区号）、400/800 号码或 12351', 'hotline');
}

function checkPartners(partners: StationedPartner[]): Check {
  if (partners.length > STATIONED_PARTNERS_MAX) return stationsError('invalid_partners', `进驻单位最多 ${STATIONED_PARTNERS_MAX} 个`, 'partners');
  const seen = new Set<string>();
  for (const partner of partners) {
    if (!isStationedPartnerKind(partner.kind)) return stationsError('invalid_partners', `未知进驻单位类型：${String(partner.kind)}`, 'partners');
    const refusal = checkText(partner.name, 'partners', NAME_MAX);
    if (refusal) return refusal;
    const key = `${partner.kind}:${partner.name.trim()}`;
    if (seen.has(key)) return stationsError('invalid_partners', `进驻单位重复：${partner.name.trim()}`, 'partners');
    seen.add(key);
  }
  return null;
}

/** Publishes the notice; the same notice again changes nothing. */
export function decidePublishNotice(command: PublishNotice, state: StationState): StationEvent[] | DomainError {
  const refusal =
    checkText(command.pledge, 'pledge', PLEDGE_MAX) ??
    checkText(command.services, 'services', NOTICE_TEXT_MAX) ??
    checkText(command.hours, 'hours', NOTICE_TEXT_MAX) ??
    checkHotline(command.hotline) ??
    checkPartners(command.partners);
  if (refusal) return refusal;
  const notice = {
    stationId: command.stationId,
    pledge: command.pledge.trim(),
    services: command.services.trim(),
    hours: command.hours.trim(),
    managerNameRef: command.managerNameRef,
    hotline: command.hotline.replace(/\s/g, ''),
    partners: command.partners.map(({ kind, name }) => ({ kind, name: name.trim() })),
  };
  if (state.notice && sameNotice(state.notice, notice)) return [];
  return [{ type: 'StationNoticePublished', data: notice }];
}

/** Field by field: a notice read back from the store has its keys in the store's order, not ours. */
function sameNotice(a: StationNoticePublished['data'], b: StationNoticePublished['data']): boolean {
  const { partners: pa, ...restA } = a;
  const { partners: pb, ...restB } = b;
  return (
    (Object.keys(restB) as Array<keyof typeof restB>).every((key) => restA[key] === restB[key]) &&
    pa.length === pb.length &&
    pa.every((p, i) => p.kind === pb[i]!.kind && p.name === pb[i]!.name)
  );
}
