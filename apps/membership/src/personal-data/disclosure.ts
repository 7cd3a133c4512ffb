import { maskIdNumber, maskMobile, maskName } from '@ws/contracts';
import type { RevealedPerson } from './personal-data.vault';

/** Shown instead of a name once the person's key was destroyed. */
export const ERASED_LABEL = '已注销';

/** Shown at a parent node, which never holds its districts' members' personal data. */
export const HELD_ELSEWHERE_LABEL = '（个人信息保存在会员所在节点）';

export interface PersonView {
  name: string;
  mobile: string | null;
  idNumber: string | null;
  /** readable-unmasked, readable-masked, erased, or held by the member's own node. */
  disclosure: 'unmasked' | 'masked' | 'erased' | 'elsewhere';
}

export function presentPerson(revealed: RevealedPerson | undefined, unmasked: boolean, erasedByEvent = false): PersonView {
  if (erasedByEvent || revealed?.state === 'erased') return { name: ERASED_LABEL, mobile: null, idNumber: null, disclosure: 'erased' };
  if (!revealed || revealed.state === 'elsewhere') return { name: HELD_ELSEWHERE_LABEL, mobile: null, idNumber: null, disclosure: 'elsewhere' };
  const { name, mobile, idNumber } = revealed.data;
  if (unmasked) return { name, mobile, idNumber, disclosure: 'unmasked' };
  return { name: maskName(name), mobile: maskMobile(mobile), idNumber: maskIdNumber(idNumber), disclosure: 'masked' };
}
