import { digitsView, looksLikePersonalData } from '@ws/contracts';
import type { DomainError } from './domain-error';
import { kernelError } from './error-status';

/** Control and format characters, except the line feed a longer text may hold. */
const CONTROL = /(?!\n)[\p{Cc}\p{Cf}\u2028\u2029]/u;

export interface EventTextRule {
  /** Most characters (code points) allowed. */
  max: number;
  /** What the person filling the form calls the field, e.g. 内容, 退回理由. */
  label: string;
  allowEmpty?: boolean;
  /** Line feeds allowed (a wish's text); otherwise one line. */
  multiline?: boolean;
}

/**
 * Free text that goes into an event (a wish, a reason, a note). Events are kept for years and
 * travel up to the province, so the text is trimmed and bounded, holds no control characters,
 * and is refused when it looks like a mobile or an ID number: personal data belongs in a vault.
 */
export function checkEventText(text: string, field: string, rule: EventTextRule): string | DomainError {
  const value = text.normalize('NFC').trim();
  const length = Array.from(value).length;
  if (length === 0 && !rule.allowEmpty) return kernelError('validation_failed', `${rule.label}不能为空`, field);
  if (length > rule.max) return kernelError('validation_failed', `${rule.label}不能超过 ${rule.max} 字`, field);
  // Before the control characters: a number hidden behind zero-width spaces gets the reason that matters.
  if (looksLikePersonalData(value)) {
    return kernelError('personal_data_in_text', `${rule.label}不能包含手机号或身份证号（会公开并长期保存；联系方式请填在联系方式一栏，加密保存）`, field);
  }
  if (CONTROL.test(value) || (!rule.multiline && value.includes('\n'))) return kernelError('validation_failed', `${rule.label}包含控制字符`, field);
  return value;
}

/** A value that is a mobile or an ID number as a whole (typed into a card-number field by mistake). */
export function isMobileOrIdNumber(value: string): boolean {
  const compact = digitsView(value);
  return /^1[3-9]\d{9}$/.test(compact) || /^\d{17}[\dX]$/.test(compact);
}
