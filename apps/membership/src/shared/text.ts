import { looksLikePersonalData } from '@ws/contracts';
import { DomainError } from '@ws/kernel';

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/**
 * Free text that ends up in an event (a union name, a reason, a note). Events are kept forever
 * and travel up to the province, so the text is bounded, free of control characters, and
 * refused when it looks like a mobile or ID number.
 */
export function checkEventText(text: string, field: string, max: number, options: { allowEmpty?: boolean } = {}): string | DomainError {
  const value = text.normalize('NFC').trim();
  const length = Array.from(value).length;
  if (length === 0 && !options.allowEmpty) return new DomainError('text_empty', `${field} 不能为空`, field);
  if (length > max) return new DomainError('text_too_long', `${field} 不能超过 ${max} 个字`, field);
  if (CONTROL.test(value)) return new DomainError('text_control_characters', `${field} 包含控制字符`, field);
  if (looksLikePersonalData(value)) {
    return new DomainError('personal_data_in_text', `${field} 不能包含手机号或身份证号`, field);
  }
  return value;
}
