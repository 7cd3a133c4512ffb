/**
 * Checks of the personal fields a worker types when joining (姓名、手机号、居民身份证号). Pure, so the
 * membership and dispatch services validate alike; the services turn a refusal into a DomainError.
 */
export type IdentityCheck = { ok: true; value: string } | { ok: false; code: IdentityRefusalCode; message: string };

/**
 * Every refusal of these checks with the HTTP status a service answers it with (a well-formed
 * request refused: 422). A service that passes one on includes them in its error table
 * (`defineErrorTable(IDENTITY_REFUSAL_STATUSES)`), so the code it throws is one its table lists.
 */
export const IDENTITY_REFUSAL_STATUSES = {
  id_number_invalid_length: 422,
  id_number_invalid_format: 422,
  id_number_bad_region: 422,
  id_number_bad_birth_date: 422,
  id_number_bad_checksum: 422,
  mobile_invalid: 422,
  name_empty: 422,
  name_too_long: 422,
  name_has_emoji: 422,
  name_control_characters: 422,
  name_invalid_characters: 422,
} as const;
export type IdentityRefusalCode = keyof typeof IDENTITY_REFUSAL_STATUSES;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CODES = '10X98765432';

/** First two digits of a GB/T 2260 province (incl. 71 台湾, 81 香港, 82 澳门, 83 港澳台居民居住证). */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

const OLDEST_BIRTH_YEAR = 1900;

function refuse(code: IdentityRefusalCode, message: string): IdentityCheck {
  return { ok: false, code, message };
}

/** GB 11643 check character of the first 17 digits. */
export function idNumberCheckCode(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CODES[sum % 11]!;
}

/**
 * A resident ID number (居民身份证号, GB 11643-1999): 18 characters, a known province prefix, a
 * real birth date not in the future, and the check character. Returns the number with a lower
 * case x made upper case. Region codes below the province are not checked: people keep numbers
 * issued by districts that have since been renamed or merged.
 */
export function checkIdNumber(input: string, today: Date = new Date()): IdentityCheck {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return refuse('id_number_invalid_length', '身份证号应为18位');
  if (!/^\d{17}[\dX]$/.test(value)) return refuse('id_number_invalid_format', '身份证号前17位应为数字，末位为数字或X');
  if (!PROVINCE_PREFIXES.has(value.slice(0, 2))) return refuse('id_number_bad_region', '身份证号的地区码无效');
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const realDate = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!realDate || year < OLDEST_BIRTH_YEAR || birth.getTime() > today.getTime()) {
    return refuse('id_number_bad_birth_date', '身份证号中的出生日期无效');
  }
  if (idNumberCheckCode(value.slice(0, 17)) !== value[17]) return refuse('id_number_bad_checksum', '身份证号校验位不正确');
  return { ok: true, value };
}

/** A mainland mobile number: 11 digits starting 13–19. Spaces and dashes people type are dropped. */
export function checkMobile(input: string): IdentityCheck {
  const value = input.replace(/[\s-]/g, '');
  if (!/^1[3-9]\d{9}$/.test(value)) return refuse('mobile_invalid', '手机号应为11位、以13–19开头');
  return { ok: true, value };
}

export const NAME_MAX_LENGTH = 50;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u{FE0F}|\u{200D}/u;
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\u2028\u2029]/u;
/** Letters and marks of any script, spaces, and the separators names use (· of 阿卜杜·热合曼, -, ', .). */
const NAME_CHARACTERS = /^[\p{L}\p{M}][\p{L}\p{M} ·•・.'’-]*$/u;

/**
 * A name as written on the ID card: 1–50 characters (code points), no control or invisible
 * format characters, no emoji, and only letters with the usual separators, so markup or SQL
 * typed into the field is refused here rather than stored.
 */
export function checkName(input: string): IdentityCheck {
  const value = input.normalize('NFC').trim().replace(/ {2,}/g, ' ');
  const length = Array.from(value).length;
  if (length === 0) return refuse('name_empty', '请填写姓名');
  if (length > NAME_MAX_LENGTH) return refuse('name_too_long', `姓名不能超过${NAME_MAX_LENGTH}个字`);
  if (EMOJI.test(value)) return refuse('name_has_emoji', '姓名不能包含表情符号');
  if (CONTROL.test(value)) return refuse('name_control_characters', '姓名包含不可见的控制字符');
  if (!NAME_CHARACTERS.test(value)) return refuse('name_invalid_characters', '姓名只能包含文字和间隔号');
  return { ok: true, value };
}

/** Chinese numerals as people write digits out (一三八…, 幺 for 1 when reading numbers aloud, the financial 壹贰叁). */
const CHINESE_DIGITS: Record<string, string> = {
  〇: '0', 零: '0', 洞: '0', 一: '1', 幺: '1', 壹: '1', 二: '2', 两: '2', 贰: '2', 三: '3', 叁: '3', 四: '4', 肆: '4',
  五: '5', 伍: '5', 六: '6', 陆: '6', 七: '7', 柒: '7', 拐: '7', 八: '8', 捌: '8', 九: '9', 玖: '9', 勾: '9',
};
const CHINESE_DIGIT = new RegExp(`[${Object.keys(CHINESE_DIGITS).join('')}]`, 'gu');
/** Everything that is neither a letter nor a number: spaces of every kind, punctuation, symbols, invisible format characters. */
const SEPARATOR = /[^\p{L}\p{N}]/gu;

/**
 * The text as a reader of digits sees it: NFKC (full-width ０-９ and ｘ become 0-9 and x, circled
 * and other compatibility digits their plain form), Chinese numerals as digits, and every
 * separator dropped (spaces, NBSP, zero-width characters, dashes, dots, slashes…), so
 * "１３８ １２３４ ５６７８" and "一三八-一二三四-五六七八" read as 13812345678.
 */
export function digitsView(text: string): string {
  return text
    .normalize('NFKC')
    .replace(CHINESE_DIGIT, (c) => CHINESE_DIGITS[c]!)
    .replace(SEPARATOR, '')
    .toUpperCase();
}

/**
 * Free text that goes into an event (a rejection note, an employer) must not carry someone's
 * mobile or ID number. A heuristic, not a guarantee: it finds 11-digit mobiles and 18-character
 * ID numbers however they are written (see digitsView).
 */
export function looksLikePersonalData(text: string): boolean {
  const digits = digitsView(text);
  return /1[3-9]\d{9}/.test(digits) || /\d{17}[\dX]/.test(digits);
}

export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 3)}${'*'.repeat(Math.max(0, idNumber.length - 7))}${idNumber.slice(-4)}`;
}

export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = Array.from(name);
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}
